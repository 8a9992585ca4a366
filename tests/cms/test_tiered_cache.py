"""The fragments cache of production (cms/tiered_cache.py): each process's memory in front
of Redis. A block one gunicorn worker rendered serves the others; what a process read once
costs it no round trip again; emptying it never empties Redis (sessions live there).

On the real Redis the tests use (a key prefix of each test's own)."""

from __future__ import annotations

import os
import secrets

import pytest

from cms.redis_cache import RedisCache
from cms.tiered_cache import TieredCache
from tests.cms.test_settings import printed_by_production

REDIS = os.environ.get("TIERED_CACHE_TEST_REDIS_URL", "redis://127.0.0.1:6379/10")


@pytest.fixture
def shared(settings):
    prefix = f"tiered-test-{secrets.token_hex(6)}"
    settings.CACHES = {
        **settings.CACHES,
        "shared": {
            "BACKEND": "cms.redis_cache.RedisCache",
            "LOCATION": REDIS,
            "KEY_PREFIX": prefix,
            "TIMEOUT": 60,
        },
    }
    from django.core.cache import caches

    cache = caches["shared"]
    assert isinstance(cache, RedisCache)
    yield cache
    client = cache._cache.get_client()
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)


def process(name: str = "puentes-fragments") -> TieredCache:
    """The fragments cache as one web process has it (its own memory)."""
    options = {"SHARED": "shared", "PREFIX": name}
    return TieredCache(f"{name}-{secrets.token_hex(4)}", {"TIMEOUT": 60, "OPTIONS": options})


def test_a_block_one_process_kept_serves_another(shared):
    first, second = process(), process()

    first.set("post-block", "<p>rendered once</p>")

    assert second.get("post-block") == "<p>rendered once</p>"
    assert second.memory.get("post-block") == "<p>rendered once</p>"  # now its own too


def test_what_a_process_read_once_costs_no_round_trip_again(shared, monkeypatch):
    cache = process()
    cache.set("post-block", "<p>kept</p>")
    monkeypatch.setattr(type(shared), "get", lambda *args, **kwargs: pytest.fail("asked Redis"))

    assert cache.get("post-block") == "<p>kept</p>"


def test_a_page_asks_for_every_block_in_one_round_trip(shared, monkeypatch):
    first, second = process(), process()
    for number in range(5):
        first.set(f"block-{number}", f"<p>{number}</p>")
    second.set("block-0", "<p>0</p>")  # already in the second process's memory
    asked = []
    real = type(shared).get_many
    monkeypatch.setattr(
        type(shared),
        "get_many",
        lambda self, keys, **kw: asked.append(keys) or real(self, keys, **kw),
    )

    found = second.get_many([f"block-{number}" for number in range(6)])

    assert found == {f"block-{number}": f"<p>{number}</p>" for number in range(5)}
    assert len(asked) == 1
    assert len(asked[0]) == 5  # block-0 came from memory
    assert second.memory.get("block-4") == "<p>4</p>"


def test_a_missing_block_is_missing_everywhere(shared):
    cache = process()

    assert cache.get("never-rendered", "default") == "default"
    assert cache.get_many(["never-rendered"]) == {}


def test_emptying_a_process_leaves_the_shared_tier(shared):
    first, second = process(), process()
    first.set("post-block", "<p>kept</p>")
    shared.set("session", "a member's session")

    first.clear()

    assert first.memory.get("post-block") is None
    assert second.get("post-block") == "<p>kept</p>"
    assert shared.get("session") == "a member's session"


def test_a_deleted_block_is_gone_from_both_tiers(shared):
    first, second = process(), process()
    first.set("post-block", "<p>kept</p>")

    first.delete("post-block")

    assert first.get("post-block") is None
    assert second.get("post-block") is None


def test_production_keeps_the_fragments_in_memory_in_front_of_redis():
    assert printed_by_production(
        "from django.core.cache import caches; f = caches['fragments']; "
        "print(type(f).__name__, type(f.shared).__name__)"
    ) == ["TieredCache", "RedisCache"]


def test_what_a_request_renders_reaches_redis_in_one_round_trip_at_its_end(shared, monkeypatch):
    from django.http import HttpResponse
    from django.test import RequestFactory

    from cms.tiered_cache import SharedWritesMiddleware

    first, second = process(), process()
    sent = []
    real = type(shared).set_many

    def set_many(self, data, *args, **kwargs):
        sent.append(sorted(data))
        return real(self, data, *args, **kwargs)

    monkeypatch.setattr(type(shared), "set_many", set_many)
    monkeypatch.setattr(type(shared), "set", lambda *a, **k: pytest.fail("one at a time"))

    def page(request):
        for number in range(3):
            first.set(f"block-{number}", f"<p>{number}</p>")
        assert first.get("block-0") == "<p>0</p>"  # this process has it at once
        assert second.get("block-0") is None  # the others at the end of the request
        return HttpResponse("page")

    SharedWritesMiddleware(page)(RequestFactory().get("/"))

    assert len(sent) == 1
    assert [key.rsplit(":", 1)[-1] for key in sent[0]] == ["block-0", "block-1", "block-2"]
    assert second.get("block-2") == "<p>2</p>"


def test_a_block_the_page_found_missing_is_not_asked_for_again(shared, monkeypatch):
    from django.http import HttpResponse
    from django.test import RequestFactory

    from cms.tiered_cache import SharedWritesMiddleware

    cache = process()

    def page(request):
        assert cache.get_many(["block-0", "block-1"]) == {}
        monkeypatch.setattr(type(shared), "get", lambda *a, **k: pytest.fail("asked again"))
        assert cache.get("block-0") is None  # rendered now...
        cache.set("block-0", "<p>0</p>")
        assert cache.get("block-0") == "<p>0</p>"  # ...and kept
        return HttpResponse("page")

    SharedWritesMiddleware(page)(RequestFactory().get("/"))
