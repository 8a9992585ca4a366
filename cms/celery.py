"""The Celery application; configuration comes from Django settings prefixed with CELERY_."""

from __future__ import annotations

import os

from celery import Celery
from kombu.transport import TRANSPORT_ALIASES

# The embedded broker ("filesystem://") with atomic writes; see cms/broker.py.
TRANSPORT_ALIASES["filesystem"] = "cms.broker:Transport"

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")

app = Celery("puentes")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
