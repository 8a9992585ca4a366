"""The Celery application; configuration comes from Django settings prefixed with CELERY_."""

from __future__ import annotations

import os

from celery import Celery
from celery.signals import (
    task_postrun,
    task_prerun,
    worker_process_init,
    worker_process_shutdown,
    worker_shutdown,
)
from kombu.transport import TRANSPORT_ALIASES

# The embedded broker ("filesystem://") with atomic writes; see cms/broker.py.
TRANSPORT_ALIASES["filesystem"] = "cms.broker:Transport"

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")

app = Celery("puentes")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
# The outbox and digests hold their own tasks (notifications/tasks.py holds the events').
app.autodiscover_tasks(["notifications"], related_name="outbox")
app.autodiscover_tasks(["notifications"], related_name="digests")


@task_prerun.connect
@task_postrun.connect
def close_old_connections(sender=None, **kwargs) -> None:
    """Around each task, as around each web request: drop a broken or expired connection.

    With CELERY_DB_REUSE_MAX set, Celery no longer closes the connection after every task
    (a no-op task would otherwise pay a new connection); this keeps a connection that the
    database dropped from failing every task after it. Tasks run in place (``apply()``,
    eager mode) share their caller's connection and are left alone, as Celery does.
    """
    from django.db import close_old_connections

    if getattr(getattr(sender, "request", None), "is_eager", False):
        return

    close_old_connections()


@task_prerun.connect
def start_heartbeat(sender=None, **kwargs) -> None:
    """A worker process's first task starts its heartbeat: the claims of its runs last as
    long as it does (translations/heartbeat.py). Not for tasks run in place."""
    if getattr(getattr(sender, "request", None), "is_eager", False):
        return
    from translations import heartbeat

    heartbeat.start()


@worker_process_shutdown.connect
@worker_shutdown.connect
def stop_apertium(**kwargs) -> None:
    """A worker (or one of its pool's processes) ending stops the Apertium pipelines it
    started: they run in process groups of their own, which a signal to the worker's
    group would not reach. (A pool process killed outright closes their input instead,
    and they end with it.)"""
    from translations.engines.apertium_warm import kill_every_mode

    kill_every_mode()


@worker_process_init.connect
def warm_up(**kwargs) -> None:
    """Each pool process loads the language models as it starts, not at its first post
    (0.7 s), then freezes what it loaded: cms/warmup.py."""
    from cms.warmup import enabled, freeze_what_lasts, warm_language_detection

    if enabled():
        warm_language_detection()
    freeze_what_lasts()
