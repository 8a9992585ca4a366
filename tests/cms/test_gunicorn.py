"""gunicorn's settings (cms/gunicorn.py): the master warms the application, then hides what
it loaded from the workers' garbage collector before they fork."""

from __future__ import annotations

import gc
import logging

import pytest

from cms import gunicorn


class Server:
    log = logging.getLogger("tests.gunicorn")


@pytest.fixture
def unfrozen():
    gc.unfreeze()
    yield
    gc.unfreeze()


def test_the_master_freezes_what_it_loaded_before_the_workers_fork(unfrozen, monkeypatch):
    monkeypatch.setenv("PUENTES_WARM_UP", "0")
    loaded = [[n] for n in range(1000)]  # what the master holds when it is ready
    before = gc.get_freeze_count()

    gunicorn.when_ready(Server())

    assert gc.get_freeze_count() >= before + len(loaded)
    gc.collect()  # a worker's full collection no longer walks them
    assert gc.get_freeze_count() >= before + len(loaded)
