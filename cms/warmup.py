"""A process warmed before its first request or task.

A fresh web process answered its first request 4.1 s after gunicorn started (imports,
URL patterns, templates compiled, catalogs read), and language detection costs 0.7 s on
its first use in a process (lingua's models). gunicorn (cms/gunicorn.py) loads the
application and calls :func:`warm_web` in its master process, before it forks the
workers, which start warm and share the loaded models; Celery's pool processes call
:func:`warm_language_detection` as they start (cms/celery.py). ``PUENTES_WARM_UP=0``
turns both off. Both then call :func:`freeze_what_lasts`.
"""

from __future__ import annotations

import gc
import logging
import os
import time

logger = logging.getLogger(__name__)

#: Per language, a text long enough that both of lingua's detectors are built and used,
#: and a subject. lingua reads a text of 120 characters or more by its trigrams only, and
#: a shorter one by its 1- to 5-letter sequences, whose models it loads the first time it
#: meets such a text: about a second a process, for the first subjects of the day.
SAMPLES = [
    "Nuestra cooperativa financia los proyectos de vivienda en Oaxaca desde hace cinco años, "
    "con muy pocos recursos y junto con otras organizaciones de la economía social.",
    "Notre coopérative finance les projets de logement à Montréal depuis cinq ans, avec "
    "très peu de moyens et avec d'autres organisations de l'économie sociale.",
    "Our cooperative has funded housing projects in Toronto for five years, with very few "
    "resources and together with other organisations of the social economy.",
    "Los fondos rotatorios en Oaxaca",
    "Les marchés locaux de Montréal",
    "Housing cooperatives in Toronto",
]
#: Pages anyone may open: imports, URL resolution, templates and catalogs of every layer.
PAGES = ["/", "/accounts/login/", "/forum/"]


def freeze_what_lasts() -> None:
    """What a process loaded before its work (modules, templates, models) is moved out of
    the garbage collector's sight (`gc.freeze()`): it lasts as long as the process, yet
    each full collection walked all of it again, and touching it copied the memory pages a
    forked worker shares with its parent."""
    gc.collect()
    gc.freeze()


def enabled() -> bool:
    return os.environ.get("PUENTES_WARM_UP", "1").strip().lower() not in {"0", "false", "no"}


def warm_language_detection() -> None:
    from translations.detection import detect_language

    for text in SAMPLES:
        detect_language(text)


def warm_web() -> float:
    """Language detection and a first request to each of PAGES, in every language; returns
    the seconds it took. Leaves no database connection open (the workers fork after it)."""
    from django.conf import settings
    from django.db import connections
    from django.test import Client

    started = time.perf_counter()
    warm_language_detection()
    host = next((h for h in settings.ALLOWED_HOSTS if h and not h.startswith((".", "*"))), "")
    client = Client(HTTP_HOST=host or "localhost", HTTP_X_FORWARDED_PROTO="https")
    try:
        for language, _name in settings.LANGUAGES:
            for path in PAGES:
                client.get(path, secure=True, HTTP_ACCEPT_LANGUAGE=language)
    except Exception:  # a warm-up never stops the start: the first request will tell
        logger.exception("warming up the web process failed")
    finally:
        connections.close_all()
    return time.perf_counter() - started
