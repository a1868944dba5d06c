#!/usr/bin/env python
"""Hausportal's command-line entry point."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "house.settings")
    from django.conf import settings
    from django.core.management import execute_from_command_line

    # Load the settings before any command: Django keeps a configuration error back for
    # commands without system checks (makemigrations, migrate) and then reports only
    # "Models aren't loaded yet". Hausportal's own message says what to set.
    settings.INSTALLED_APPS  # noqa: B018

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
