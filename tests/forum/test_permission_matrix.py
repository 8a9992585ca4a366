"""Role × action × week state × private/public course, through real HTTP on machina's URLs.

Reading is allowed by a 200; refusal is a 403 (signed in) or a redirect to sign in.
GET requests to the action pages are enough for most cells: machina checks the permission
before it shows a form; a few writes below go all the way through POST.
"""

from __future__ import annotations

import pytest
from django.db import transaction
from django.test import Client

from tests.forum.permission_world import (
    NO_ATTACHMENTS,
    ROLES,
    STATES,
    action_url,
    build_course,
    topic_url,
)

ACTIONS = [
    "read topic list",
    "read topic",
    "start topic",
    "reply",
    "edit own post",
    "lock",
    "move",
    "delete",
]
MEMBERS = {"participant", "key_respondent", "organizer", "translator"}


def expected(role: str, action: str, state: str, public: bool) -> bool:
    if state == "hidden":
        return False
    if action in ("read topic list", "read topic"):
        return role in MEMBERS or public
    if action in ("start topic", "reply", "edit own post"):
        return role == "organizer" or (
            role in ("participant", "key_respondent") and state == "open"
        )
    return role == "organizer"  # lock, move, delete


@pytest.fixture(scope="module")
def worlds(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        from cms.models import HomePage

        home = HomePage.objects.get(slug="home")
        built = {
            "private": build_course(home, public=False, prefix="private"),
            "public": build_course(home, public=True, prefix="public"),
        }
        yield built
        transaction.set_rollback(True)


def client_for(world, role: str) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(world.people[role])
    return client


@pytest.mark.django_db
@pytest.mark.parametrize("visibility", ["private", "public"])
@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("role", ROLES)
def test_each_role_may_do_exactly_what_the_week_state_and_course_allow(
    worlds, visibility, state, role
):
    world = worlds[visibility]
    client = client_for(world, role)
    outcomes = {}
    for action in ACTIONS:
        url = action_url(action, world, state, role)
        if url is None:
            continue
        status = client.get(url).status_code
        assert status in (200, 302, 403, 404), (action, status)
        outcomes[action] = status == 200
    wanted = {action: expected(role, action, state, visibility == "public") for action in outcomes}

    assert outcomes == wanted


@pytest.mark.django_db
@pytest.mark.parametrize("visibility", ["private", "public"])
@pytest.mark.parametrize("role", ROLES)
def test_only_the_members_of_a_community_of_practice_see_it(worlds, visibility, role):
    world = worlds[visibility]
    client = client_for(world, role)

    response = client.get(topic_url(world.community_topic))

    assert (response.status_code == 200) == (role == "participant")


@pytest.mark.django_db
def test_a_participant_replies_by_post_in_the_open_week(worlds):
    world = worlds["private"]
    client = client_for(world, "participant")
    topic = world.topics["open"]

    response = client.post(
        action_url("reply", world, "open", "participant"),
        {"subject": "Re", "content": "Nuestra respuesta.", "language": "es", **NO_ATTACHMENTS},
    )

    assert response.status_code == 302
    assert topic.posts.filter(content="Nuestra respuesta.").exists()


@pytest.mark.django_db
def test_a_participant_cannot_post_a_reply_in_a_closed_week(worlds):
    world = worlds["private"]
    client = client_for(world, "participant")

    response = client.post(
        action_url("reply", world, "closed", "participant"),
        {"subject": "Re", "content": "Too late.", "language": "en", **NO_ATTACHMENTS},
    )

    assert response.status_code == 403
    assert not world.topics["closed"].posts.filter(content="Too late.").exists()


@pytest.mark.django_db
def test_an_organizer_locks_a_topic_by_post(worlds):
    world = worlds["private"]
    client = client_for(world, "organizer")
    topic = world.topics["open"]

    client.post(action_url("lock", world, "open", "organizer"))

    topic.refresh_from_db()
    assert topic.is_locked


@pytest.mark.django_db
def test_a_participant_cannot_lock_a_topic_by_post(worlds):
    world = worlds["private"]
    client = client_for(world, "participant")
    topic = world.topics["open"]

    response = client.post(action_url("lock", world, "open", "participant"))

    topic.refresh_from_db()
    assert response.status_code == 403
    assert not topic.is_locked
