"""Production's Redis cache (cms/redis_cache.py): Django's, keeping one redis-py client per
connection pool instead of building one for every call. On the real Redis the tests use."""

from __future__ import annotations

import os
import secrets
import threading

import pytest

from cms.redis_cache import RedisCache

REDIS = os.environ.get("TIERED_CACHE_TEST_REDIS_URL", "redis://127.0.0.1:6379/10")


@pytest.fixture
def cache():
    prefix = f"redis-cache-test-{secrets.token_hex(6)}"
    cache = RedisCache(REDIS, {"KEY_PREFIX": prefix, "TIMEOUT": 60})
    yield cache
    client = cache._cache.get_client()
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)


def test_every_call_of_a_process_uses_one_client(cache):
    assert cache._cache.get_client() is cache._cache.get_client(write=True)


def test_it_answers_as_djangos_redis_cache(cache):
    assert cache.get("absent", "default") == "default"
    cache.set("kept", {"a": [1, 2]})
    assert cache.get("kept") == {"a": [1, 2]}
    assert cache.add("kept", "other") is False
    assert cache.get_or_set("generation", 7, None) == 7
    assert cache.incr("generation") == 8
    cache.set_many({"one": 1, "two": 2})
    assert cache.get_many(["one", "two", "three"]) == {"one": 1, "two": 2}
    cache.delete("kept")
    assert cache.get("kept") is None


def test_threads_sharing_the_client_each_get_their_own_answers(cache):
    """A client borrows a connection from the pool for each command: threads never read
    each other's replies."""
    for n in range(20):
        cache.set(f"key-{n}", n)
    wrong: list[tuple[int, object]] = []

    def read(n: int) -> None:
        for _ in range(50):
            value = cache.get(f"key-{n}")
            if value != n:
                wrong.append((n, value))

    threads = [threading.Thread(target=read, args=(n,)) for n in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert wrong == []


def test_after_a_fork_the_child_opens_its_own_connections(cache):
    """gunicorn forks its workers from a master that already used the cache (the warm-up):
    the pool notices the new process and never shares a socket with the parent."""
    cache.set("before-fork", "parent")
    read, write = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover -- the child's answer comes through the pipe
        try:
            ok = cache.get("before-fork") == "parent"
            cache.set("from-child", "child")
            os.write(write, b"ok" if ok else b"no")
        finally:
            os._exit(0)
    os.close(write)
    answer = os.read(read, 2)
    os.waitpid(child, 0)
    assert answer == b"ok"
    assert cache.get("from-child") == "child"
    assert cache.get("before-fork") == "parent"
