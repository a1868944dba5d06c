"""The development configuration: ``house.settings`` with DEBUG on unless the
environment says otherwise.

``house.settings`` defaults to production (DEBUG off, a SECRET_KEY required). The
test suite and the type checker load this module instead (``pyproject.toml``), so
they run on a fresh clone without any environment, as ``make run`` does with
``DEBUG=true`` (the Makefile). Nothing that serves the portal in production uses it:
``manage.py``, ``house.wsgi``, ``house.asgi`` and Celery name ``house.settings``.
"""

import os

os.environ.setdefault("DEBUG", "true")

from house.settings import *  # noqa: F403
