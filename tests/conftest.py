"""Fixtures shared by the whole suite: a real Celery worker on the configured broker."""

from __future__ import annotations

import shutil
from contextlib import suppress
from pathlib import Path

import pytest
from django.conf import settings


def pytest_configure(config: pytest.Config) -> None:
    # The filesystem transport needs its folders before the first message is sent.
    options = getattr(settings, "CELERY_BROKER_TRANSPORT_OPTIONS", {})
    for key in ("data_folder_in", "processed_folder", "control_folder"):
        if key in options:
            shutil.rmtree(options[key], ignore_errors=True)
            Path(options[key]).mkdir(parents=True, exist_ok=True)
    Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)
    backend = settings.CELERY_RESULT_BACKEND
    if backend.startswith("file://"):
        Path(backend.removeprefix("file://")).mkdir(parents=True, exist_ok=True)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """`slow` on every test that commits to the database (a live server or a real worker
    reads what it wrote): each empties the database after it and restores its migrations'
    rows, seconds apiece. `./dev test -m "not slow"` is the quick loop; CI runs them all."""
    for item in items:
        marker = item.get_closest_marker("django_db")
        committed = bool(marker and marker.kwargs.get("transaction"))
        fixtures = getattr(item, "fixturenames", ())
        if committed or "transactional_db" in fixtures or "live_server" in fixtures:
            item.add_marker(pytest.mark.slow)


def pytest_unconfigure(config: pytest.Config) -> None:
    options = getattr(settings, "CELERY_BROKER_TRANSPORT_OPTIONS", {})
    if "data_folder_in" in options:
        shutil.rmtree(Path(options["data_folder_in"]).parent, ignore_errors=True)


@pytest.fixture
def celery_worker():
    """A real worker (in a thread of this process) consuming the configured broker.

    Tests that let it touch the database need `django_db(transaction=True,
    serialized_rollback=True)` (serialized: a plain flush would re-create machina's permission
    rows and break the next test that restores the serialized database): the worker
    thread has its own connection and only sees committed rows.
    """
    import celery.contrib.testing.tasks  # noqa: F401  (registers celery.ping for the ping check)
    from celery.contrib.testing.worker import start_worker

    from cms.celery import app

    app.conf.task_always_eager = False
    queues = [settings.CELERY_TASK_DEFAULT_QUEUE, "translations"]
    with start_worker(
        app,
        pool="solo",
        concurrency=1,
        perform_ping_check=True,
        queues=queues,
        shutdown_timeout=30,
    ) as worker:
        yield worker
    # What the test left in the broker (a retry due later, an email's next attempt, what
    # the worker held when it stopped) goes with the test: the next test's worker would run
    # it on that test's rows, whose ids a restored demo or a flushed database hands out again.
    purge_queues(app, queues)


def purge_queues(app, queues: list[str]) -> None:
    with app.connection_for_write() as connection:
        channel = connection.default_channel
        for name in queues:
            with suppress(Exception):  # a queue nobody sent to: the broker does not know it
                channel.queue_purge(name)


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with empty caches: cached facts (a member's roles, a forum's
    course) are keyed by ids that a rolled-back database hands out again; rendered fragments
    are keyed by what they show, emptied too so that each test renders what it checks."""
    from django.core.cache import cache, caches

    cache.clear()
    caches["fragments"].clear()
    caches["post_lists"].clear()


@pytest.fixture(autouse=True)
def interface_language():
    """Each test starts in the site's default language: a language a test (or a request it
    made) activated stays on the thread otherwise, and the next test in the same process
    would render in it (which tests run in which process varies under pytest-xdist)."""
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


# ---------------------------------------------------------------------------
# Courses: the home page, a course with an open week, its people
# ---------------------------------------------------------------------------
@pytest.fixture
def shared_file_cache(settings, tmp_path):
    """A default cache several processes could share (a file cache; Redis in production):
    what members/kept.py needs to keep answers between requests. Its folder. Nothing this
    process kept before the test is kept during it, nor after it."""
    from members.kept import Kept

    folder = tmp_path / "shared-cache"
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(folder),
        },
    }
    Kept.forget_everything()
    yield folder
    Kept.forget_everything()


@pytest.fixture
def home_page():
    from cms.models import HomePage

    return HomePage.objects.get(slug="home")


@pytest.fixture
def course(home_page):
    from tests.factories import CoursePageFactory

    return CoursePageFactory(parent=home_page)


@pytest.fixture
def week(course):
    from tests.factories import WeekPageFactory

    return WeekPageFactory(parent=course)


@pytest.fixture
def organizer(course):
    from courses.enrollment import enroll
    from courses.models import Role
    from tests.factories import UserFactory

    user = UserFactory(username="organizer")
    enroll(course=course, user=user, role=Role.ORGANIZER)
    return user


@pytest.fixture
def key_respondent(course, week):
    from courses.enrollment import enroll
    from courses.models import Role
    from tests.factories import UserFactory

    user = UserFactory(username="respondent")
    enroll(course=course, user=user, role=Role.KEY_RESPONDENT, week=week)
    return user


@pytest.fixture
def forum(week, organizer):
    """The forum of the course's published week."""
    from tests.translations.course_posts import week_forum

    return week_forum(week, organizer)


@pytest.fixture
def translator(course):
    """A translator of the course who reads Spanish and English."""
    from courses.enrollment import enroll
    from courses.models import Role
    from tests.forum.helpers import member

    user = member("es", reads=["es", "en"])
    enroll(course=course, user=user, role=Role.TRANSLATOR)
    return user


# ---------------------------------------------------------------------------
# The README's demo cohort
# ---------------------------------------------------------------------------
@pytest.fixture
def demo_cohort(db) -> str:
    """The demo as `load_demo` leaves it (its posts not yet translated); returns what the
    command printed. The command runs in the first test of a process that asks; the later
    ones get its rows back from a copy (tests/demo/snapshot.py): seconds saved each. It
    stands for the whole database: ask for it before any fixture that writes."""
    from tests.demo.snapshot import demo_cohort

    return demo_cohort()


# ---------------------------------------------------------------------------
# Interface catalogs: compiled from locale/*.po when missing or older (./dev does it too)
# ---------------------------------------------------------------------------
@pytest.fixture(scope="session")
def compiled_catalogs():
    """The es and fr interface catalogs as the site uses them (.mo files are not committed)."""
    from django.core.management import call_command
    from django.utils.translation import trans_real

    stale = [
        po
        for po in Path(settings.BASE_DIR, "locale").glob("*/LC_MESSAGES/*.po")
        if not po.with_suffix(".mo").exists()
        or po.with_suffix(".mo").stat().st_mtime < po.stat().st_mtime
    ]
    if stale:
        call_command(
            "compilemessages", verbosity=0, ignore_patterns=[".venv", "node_modules", "var"]
        )
        # Catalogs loaded before the compile are cached per language: load them again.
        trans_real._translations = {}
        trans_real._default = None
