"""members.request_memo: a repeated lookup answered once while a GET is answered, never
beyond it, and never while a POST (which may change what it looks up) is answered."""

from __future__ import annotations

import contextlib

from django.http import HttpResponse
from django.test import RequestFactory

from members.request_memo import (
    RequestMemoMiddleware,
    per_request,
    remembering,
    stop_remembering,
)

calls: list[tuple] = []


@per_request
def lookup(*args, **kwargs) -> tuple:
    calls.append((args, kwargs))
    return (args, tuple(kwargs.items()))


def answer(method: str, view) -> None:
    request = getattr(RequestFactory(), method.lower())("/")
    RequestMemoMiddleware(lambda request: view() or HttpResponse())(request)


def setup_function() -> None:
    calls.clear()


def test_outside_a_request_each_call_is_computed() -> None:
    lookup(1)
    lookup(1)
    assert len(calls) == 2


def test_a_get_asks_each_distinct_question_once() -> None:
    results = []

    def view() -> None:
        results.extend([lookup(1), lookup(1), lookup(2), lookup(1, language="es")])
        results.append(lookup(1, language="es"))

    answer("GET", view)
    assert calls == [((1,), {}), ((2,), {}), ((1,), {"language": "es"})]
    assert results[0] == results[1] == ((1,), ())
    assert results[3] == results[4] == ((1,), (("language", "es"),))


def test_the_next_request_asks_again() -> None:
    answer("GET", lambda: lookup(1))
    answer("HEAD", lambda: lookup(1))
    lookup(1)  # after the response: no memo
    assert len(calls) == 3


def test_a_post_asks_every_time() -> None:
    answer("POST", lambda: [lookup(1), lookup(1)])
    assert len(calls) == 2


def test_an_unhashable_argument_is_computed_every_time() -> None:
    answer("GET", lambda: [lookup([1]), lookup([1])])
    assert len(calls) == 2


def test_an_error_is_not_remembered() -> None:
    attempts = []

    @per_request
    def flaky(value: int) -> int:
        attempts.append(value)
        if len(attempts) == 1:
            raise LookupError("first time")
        return value

    def view() -> None:
        with contextlib.suppress(LookupError):
            flaky(1)
        assert flaky(1) == 1
        assert flaky(1) == 1

    answer("GET", view)
    assert attempts == [1, 1]


def test_a_post_may_remember_its_reads_until_it_writes() -> None:
    """A reply form built and checked (reads), then saved (writes)."""

    def view() -> None:
        with remembering():
            lookup("week of the forum")
            lookup("week of the forum")
            assert len(calls) == 1
            stop_remembering()  # the save begins
            lookup("week of the forum")
            assert len(calls) == 2
        lookup("week of the forum")

    answer("POST", view)
    assert len(calls) == 3
