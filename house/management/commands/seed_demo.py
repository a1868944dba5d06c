"""Fill the portal with the demo house Treppe 4 (idempotent: run it as often as you like)."""

from __future__ import annotations

import importlib
import logging
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.management.base import BaseCommand
from django.test.utils import override_settings

from house import demo

#: Each app that contributes demo data has a ``demo.py`` with ``seed(users=...)``.
#: They run in this order because later ones refer to earlier ones' data.
APP_DEMOS = (
    "tenants.demo",
    "rooms.demo",
    "rooms.billing.demo",
    "rooms.demo.cancellations",
    "rooms.loans.demo",
    "rooms.billing.einvoice.demo",
    "events.demo",
    "house.volunteers.demo",
    "house.governance.demo",
    "tenants.network.demo",
    "sociallab.demo",
)


class Command(BaseCommand):
    help = "Load the demo house Treppe 4 with one login per persona."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--quiet-logins", action="store_true", help="Do not print the logins.")
        parser.add_argument(
            "--logins-only", action="store_true", help="Only print the logins; load nothing."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["logins_only"]:
            self.print_logins()
            return
        # The demo's e-mails are kept in var/mail like any other, but not echoed:
        # a newcomer's terminal shows the logins, not a few hundred lines of MIME.
        quiet_backend = (
            "django.core.mail.backends.filebased.EmailBackend"
            if getattr(settings, "EMAIL_FILE_PATH", None)
            else "django.core.mail.backends.locmem.EmailBackend"
        )
        # Nor are the log lines of the hundred e-mail tasks the demo runs: below
        # verbosity 2 only errors reach the terminal while the house is loaded.
        if options["verbosity"] < 2:
            logging.disable(logging.WARNING)
        try:
            with override_settings(EMAIL_BACKEND=quiet_backend):
                self.load()
        finally:
            logging.disable(logging.NOTSET)
        if not options["quiet_logins"]:
            self.print_logins()

    def load(self) -> None:
        users = demo.seed()
        for module_name in APP_DEMOS:
            try:
                module = importlib.import_module(module_name)
            except ModuleNotFoundError as exc:
                if exc.name != module_name:
                    raise
                continue
            module.seed(users=users)
            self.stdout.write(f"  {module_name}: ok")
        cache.clear()
        self.stdout.write(self.style.SUCCESS("Demo house Treppe 4 is ready."))

    def print_logins(self) -> None:
        self.stdout.write("")
        self.stdout.write(f"Demo logins (password for all: {demo.DEMO_PASSWORD})")
        width = max(len(p.label) for p in demo.PERSONAS)
        for persona in demo.PERSONAS:
            self.stdout.write(f"  {persona.label.ljust(width)}  {persona.email}")
        self.stdout.write(
            "Staff roles (Hausverwaltung, Empfang, Ehrenamtskoordination, Netzwerkkoordination, "
            "Social-Lab-Team) set up two-factor "
            "authentication at their first login with any authenticator app."
        )
