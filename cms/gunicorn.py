"""gunicorn's settings for Puentes: ``gunicorn -c python:cms.gunicorn cms.wsgi``.

Values come from the environment like the rest of the settings: ``PORT`` (or ``BIND``) and
``WEB_CONCURRENCY`` (gunicorn's own name for the number of workers, default two a core
plus one).

The application is loaded once in the master process and warmed there (cms/warmup.py)
before the workers fork: each starts with the code imported, the templates compiled and
the language models loaded, shared between them until written to.

Then the master moves everything it holds out of the garbage collector's sight
(`gc.freeze()`, as CPython's documentation advises before a fork): those objects live as
long as the process, yet each full collection in a worker walked all of them again (about a
tenth of a topic page's CPU), and touching them to do so copied their memory pages into
every worker.
"""

from __future__ import annotations

import multiprocessing
import os

bind = os.environ.get("BIND") or f"0.0.0.0:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", 2 * multiprocessing.cpu_count() + 1))
# Pages wait on the database, not on slow clients: the TLS proxy in front buffers those.
worker_class = "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
# A worker is replaced after this many requests (with jitter, so not all at once): a slow
# leak in a library never grows without bound.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "5000"))
max_requests_jitter = max_requests // 10
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
preload_app = True


def when_ready(server) -> None:
    """In the master, after the application is loaded and before the workers fork."""
    from cms.warmup import enabled, freeze_what_lasts, warm_web

    if enabled():
        server.log.info("warmed up in %.1f s", warm_web())
    freeze_what_lasts()
