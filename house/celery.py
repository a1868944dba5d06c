"""The Celery application of Hausportal.

Configuration comes from Django settings (``CELERY_*``); the beat schedule is
declared there too, in code. Start with ``celery -A house worker`` and
``celery -A house beat``.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "house.settings")

app = Celery("house")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
