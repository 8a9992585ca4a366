"""Celery tasks of the proceedings: take ids, re-fetch, call the service; safe to run twice.

On the default queue (never behind a batch of translations): an organizer waits for it.
"""

from __future__ import annotations

from celery import shared_task

from . import exports


@shared_task(
    name=exports.RUN_EXPORT_TASK,  # the name request_export sends it by
    acks_late=True,
    reject_on_worker_lost=True,
    soft_time_limit=540,
    time_limit=600,
    ignore_result=True,  # the Export row is the result
)
def run_export(export_id: int) -> str:
    export = exports.run_export(export_id)
    return export.status if export is not None else ""
