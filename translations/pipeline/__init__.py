"""The post translation pipeline: record what needs translating, then translate it.

Saving a post calls :func:`request_post_translation` (cheap: a few rows and, after commit,
a task for the post unless one sent moments ago is still waiting: :func:`announce`). The
Celery task calls :func:`translate_pending`, which takes its post and other due posts in one
batch and is safe to run any number of times: finished rows are skipped, the segment memory
answers repeats, and a result is only written over the very source it was computed from.

- :mod:`.recording`: what a save records (language, pending rows);
- :mod:`.queueing`: tasks sent (by name: the pipeline never imports ``translations.tasks``),
  shared by a burst, retried, swept;
- :mod:`.batch`: a run of the task (claim, translate, write);
- :mod:`.fields`: a post's subject and body, each in its own language;
- :mod:`.engine_choice`: the engine for a post, and the renderer.
"""

from .batch import MAX_ATTEMPTS, PipelineResult, claim_batch, translate_pending
from .engine_choice import cached_engine, configured_engine, engine_for_post, markup_renderer
from .queueing import (
    COALESCE_WINDOW,
    PENDING_GRACE,
    TRANSLATE_POST_TASK,
    announce,
    mark_failed,
    picked_up,
    queue_post_translation,
    retranslate_posts,
    retry_failed,
    schedule_retry,
    sweep_due,
    sweep_pending,
)
from .recording import (
    SUPPORTED,
    post_language,
    post_source,
    request_post_translation,
    source_digest,
)

__all__ = [
    "COALESCE_WINDOW",
    "MAX_ATTEMPTS",
    "PENDING_GRACE",
    "SUPPORTED",
    "TRANSLATE_POST_TASK",
    "PipelineResult",
    "announce",
    "cached_engine",
    "claim_batch",
    "configured_engine",
    "engine_for_post",
    "mark_failed",
    "markup_renderer",
    "picked_up",
    "post_language",
    "post_source",
    "queue_post_translation",
    "request_post_translation",
    "retranslate_posts",
    "retry_failed",
    "schedule_retry",
    "source_digest",
    "sweep_due",
    "sweep_pending",
    "translate_pending",
]
