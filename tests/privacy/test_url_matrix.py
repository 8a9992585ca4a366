"""Privacy on every path: every URL of the site, filled with real ids of private things,
requested as every kind of person; no page, redirect, feed or email may carry a secret to
someone who may not see it, and no URL may answer with a server error.

The URL patterns come from the URLconf itself and each must be classified in
`tests/privacy/url_table.py`: a new URL nobody classified fails the first test. The world
(tests/privacy/world.py: the secrets and who may see them) is built once for the module;
tests/privacy/url_arguments.py fills the patterns from it. Every failure of a sweep is
collected and reported together: the pattern, the URL, the identity and the marker (or the
error).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import quote

import pytest
from django.contrib.auth.models import User
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.urls.exceptions import Resolver404
from django.utils.html import escape
from django.utils.regex_helper import normalize

from courses import applications
from courses.models import Application
from tests.factories import PASSWORD
from tests.privacy.url_arguments import SEARCH_WORDS, candidates, query_values
from tests.privacy.url_table import URLS, Check, Skip
from tests.privacy.world import IDENTITIES, SECRETS, World, build_world, submit_case_study

# A response that is neither a page nor a refusal: a server error, whoever asks.
SERVER_ERROR = 500


@dataclass(frozen=True)
class Pattern:
    route: str  # as url_table.py names it
    regex: str  # the whole path's regex, for normalize()


def url_patterns(patterns=None, route: str = "", regex: str = "") -> Iterator[Pattern]:
    """Every pattern of the URLconf, the prefixes of its includes joined, in resolving order."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        own = pattern.pattern.regex.pattern
        joined = regex + (own.removeprefix("^") if regex else own)
        if isinstance(pattern, URLResolver):
            yield from url_patterns(pattern.url_patterns, route + str(pattern.pattern), joined)
        elif isinstance(pattern, URLPattern):
            yield Pattern(route + str(pattern.pattern), joined)


@dataclass(frozen=True)
class Request:
    route: str
    url: str
    json: bool


def requests_for(pattern: Pattern, entry: Check, world: World) -> tuple[list[Request], str]:
    """The URLs to request for one checked pattern, or an error saying why none could be made."""
    variants = normalize(pattern.regex)
    if entry.kind is None:
        arguments: list[dict[str, str]] = [{}]
    else:
        arguments = world.candidates.get(entry.kind, [])
        if not arguments:
            return [], f"no candidates of kind {entry.kind!r} in the world"
    made = []
    for kwargs in arguments:
        path = next(
            (fmt for fmt, params in variants if set(params) == set(kwargs)),
            None,
        )
        if path is None:
            return [], f"kind {entry.kind!r} gives {sorted(kwargs)}, the pattern takes " + str(
                [sorted(params) for _fmt, params in variants]
            )
        url = "/" + path % kwargs
        try:
            resolve(url)
        except Resolver404:
            return [], f"{url} does not resolve"
        for query in entry.queries:
            words = SEARCH_WORDS[entry.words] if "{word}" in query else [None]
            for word in words:
                filled = query.format(word=word, **world.query_values)
                made.append(Request(pattern.route, url + filled, entry.json))
    return made, ""


def all_requests(world: World) -> tuple[list[Request], list[str]]:
    """Every request of the sweep (each URL once: a pattern shadowed by ours asks the same)."""
    requests: dict[tuple[str, bool], Request] = {}
    problems = []
    for pattern in url_patterns():
        entry = URLS.get(pattern.route)
        if not isinstance(entry, Check):
            continue
        made, problem = requests_for(pattern, entry, world)
        if problem:
            problems.append(f"{pattern.route}: {problem}")
        for request in made:
            requests.setdefault((request.url, False), request)
            if request.json:
                requests.setdefault((request.url, True), request)
    listed = [Request(request.route, url, json) for (url, json), request in requests.items()]
    return listed, problems


def response_text(response) -> str:
    """The body (streamed or not) and the headers: a file name is content too."""
    if getattr(response, "streaming", False):
        body = b"".join(response.streaming_content)
    else:
        body = response.content
    headers = "\n".join(f"{name}: {value}" for name, value in response.headers.items())
    return body.decode("utf-8", errors="replace") + "\n" + headers


def client_for(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@dataclass
class Sweep:
    leaks: list[str]
    errors: list[str]
    seen_by_audience: set[str]


def sweep(world: World, requests: list[Request], identities: list[str]) -> Sweep:
    """Request everything as everyone; each request in a savepoint rolled back, so that no
    request (a GET that marks a forum read, say) changes what the next one sees."""
    result = Sweep(leaks=[], errors=[], seen_by_audience=set())
    with quiet_request_logs():
        for identity in identities:
            _sweep_as(world, requests, identity, result)
    return result


@contextmanager
def quiet_request_logs():
    """Hundreds of refusals (403, 404) each log a warning, some with a traceback: slow."""
    loggers = [logging.getLogger(name) for name in ("django.request", "django.security")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


def _sweep_as(world: World, requests: list[Request], identity: str, result: Sweep) -> None:
    client = client_for(world.identities[identity])
    for request in requests:
        label = f"{request.route}  GET {request.url}{' (JSON)' if request.json else ''}"
        try:
            status, text = fetch(client, request)
        except Exception as error:  # a server error: reported with the others
            result.errors.append(f"{label}  as {identity}: {type(error).__name__}: {error}")
            continue
        if status >= SERVER_ERROR:
            result.errors.append(f"{label}  as {identity}: {status}")
        text = without_the_address_asked(text, request.url)
        for secret in SECRETS:
            if secret.marker not in text:
                continue
            if world.may_see(identity, secret.marker):
                result.seen_by_audience.add(secret.marker)
            else:
                result.leaks.append(
                    f"{label}  as {identity}  [{status}]: {secret.marker} ({secret.what})"
                )


def without_the_address_asked(text: str, url: str) -> str:
    """The page without the address the visitor typed (a refusal's sign-in link or language
    switcher sends them back to it): a name they wrote in the URL is not told by the page."""
    for form in {url, quote(url, safe=""), quote(url, safe="/"), escape(url)}:
        text = text.replace(form, "")
    return text


def fetch(client: Client, request: Request) -> tuple[int, str]:
    """GET, without following redirects, in a savepoint rolled back afterwards."""
    headers = {"HTTP_ACCEPT": "application/json"} if request.json else {}
    with transaction.atomic():
        response = client.get(request.url, **headers)
        text = response_text(response)
        transaction.set_rollback(True)
    return response.status_code, text


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        built = build_world()
        built.candidates = candidates(built)
        built.query_values = query_values(built)
        yield built
        transaction.set_rollback(True)


def test_every_url_pattern_is_classified():
    routes = {pattern.route for pattern in url_patterns()}

    unclassified = sorted(routes - URLS.keys())
    gone = sorted(URLS.keys() - routes)

    assert not unclassified, (
        "URL patterns neither checked nor skipped in tests/privacy/url_table.py:\n  "
        + "\n  ".join(unclassified)
    )
    assert not gone, "url_table.py classifies URLs the site no longer has:\n  " + "\n  ".join(gone)


def test_skipped_urls_say_why():
    assert all(entry.reason.strip() for entry in URLS.values() if isinstance(entry, Skip))


@pytest.mark.slow
@pytest.mark.django_db
def test_no_url_shows_a_secret_to_anyone_who_may_not_see_it_nor_fails(world):
    requests, problems = all_requests(world)
    assert not problems, "Checked URLs the world cannot fill:\n  " + "\n  ".join(problems)
    # url_table.py skips the object pages of Django's admin because nobody here is staff.
    assert not any(user and user.is_staff for user in world.identities.values())

    result = sweep(world, requests, IDENTITIES)

    report = failures(result, every_secret_seen=True)
    assert not report, "\n".join(report)


@pytest.mark.django_db
def test_no_feed_carries_a_secret_to_anyone_who_may_not_see_it(world):
    requests, _problems = all_requests(world)
    feeds = [request for request in requests if "feeds/" in request.route]
    assert len({request.url for request in feeds}) > len(world.candidates["forum_route"])

    result = sweep(world, feeds, IDENTITIES)

    report = failures(result)
    assert not report, "\n".join(report)


@pytest.mark.django_db
def test_no_email_the_product_sends_carries_a_secret_to_a_recipient_who_may_not_see_it(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    emails = list(world.emails_while_building)  # a case study submitted for review
    with django_capture_on_commit_callbacks(execute=True):
        send_every_kind_of_email(world)
    emails += mailoutbox
    recipients = {address for message in emails for address in message.recipients()}
    expected = {
        world.people[name].email
        for name in ("organizer_b", "key_respondent_b", "applicant_b", "second_applicant_b")
    } | {world.people["unverified"].email, "newcomer@example.org"}
    assert expected <= recipients, f"no email to {sorted(expected - recipients)}"

    leaks = []
    for message in emails:
        text = "\n".join(
            [message.subject, message.body]
            + [content for content, _type in getattr(message, "alternatives", [])]
        )
        for address in message.recipients():
            reader = User.objects.filter(email__iexact=address).first()
            for secret in SECRETS:
                allowed = reader is not None and reader.pk in world.audience[secret.marker]
                if secret.marker in text and not allowed:
                    leaks.append(f"{message.subject!r} to {address}: {secret.marker}")
    assert not leaks, f"{len(leaks)} leaks by email:\n  " + "\n  ".join(leaks)


def failures(result: Sweep, every_secret_seen: bool = False) -> list[str]:
    """The sweep's leaks and server errors, all of them, for one assertion message."""
    report = []
    if result.leaks:
        report.append(f"{len(result.leaks)} leaks:\n  " + "\n  ".join(result.leaks))
    if result.errors:
        report.append(f"{len(result.errors)} server errors:\n  " + "\n  ".join(result.errors))
    never_seen = {secret.marker for secret in SECRETS} - result.seen_by_audience
    if every_secret_seen and never_seen:
        # Not vacuous: each secret shows, somewhere, to someone who may see it.
        report.append(
            "secrets no identity allowed to see them ever saw (is the world built right?): "
            + ", ".join(sorted(never_seen))
        )
    return report


def send_every_kind_of_email(world: World) -> None:
    """Whatever the product mails: application decisions (courses.applications), the case
    study review (Wagtail's workflow notifications) and the account emails (allauth)."""
    people = world.people
    organizer = people["organizer_b"]
    # (Fresh rows: the world's objects must stay as built for the other tests.)
    accepted = Application.objects.get(pk=world.applications["applicant_b"].pk)
    applications.accept(accepted, by=organizer)
    declined = Application.objects.get(pk=world.applications["second_applicant_b"].pk)
    applications.decline(declined, by=organizer)

    task_state = world.case_study_b.current_workflow_state.current_task_state
    task_state.approve(user=organizer)
    rejected = submit_case_study(world, "case-to-reject")
    rejected.current_workflow_state.current_task_state.reject(user=organizer)

    client = Client()
    for name in ("applicant_b", "participant_b", "organizer_a", "community_member_b"):
        client.post(reverse("account_reset_password"), {"email": people[name].email})
    # An unverified account signing in is sent its verification email again.
    client.post(reverse("account_login"), {"login": "unverified", "password": PASSWORD})
    client.post(
        reverse("account_signup"),
        {
            "email": "newcomer@example.org",
            "username": "newcomer",
            "password1": "a long enough passphrase",
            "password2": "a long enough passphrase",
            "display_name": "Newcomer",
            "preferred_language": "es",
            "organisation": "Cooperativa",
            "region": "Perú",
        },
    )
