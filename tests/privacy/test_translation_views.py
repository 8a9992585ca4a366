"""Translators and organizers reach the translations of the posts they may read, and only
those: the editor (page and JSON), the review queue and its filters show what the topic
page would show them, no more."""

from __future__ import annotations

import pytest
from django.urls import reverse

from courses.enrollment import enroll
from courses.models import Role
from forum.communities import create_community
from tests.factories import WeekPageFactory
from tests.forum.helpers import member, row, topic_url
from tests.forum.participation_helpers import publish, question_topic, reply
from tests.translations.course_posts import course_post, week_forum
from tests.translations.pipeline_helpers import CountingEngine
from translations import pipeline

pytestmark = pytest.mark.django_db

JSON = {"HTTP_ACCEPT": "application/json"}
SECRET = "zanahoria confidencial"


def translated(post):
    pipeline.translate_pending(post.pk, engine=CountingEngine())
    return post


def edit_url(post, language="es") -> str:
    return reverse("translation_edit", args=[row(post, language).pk])


def save(client, post, content="Nada.", **headers):
    translation = row(post)
    return client.post(
        edit_url(post),
        {"subject": "Hola", "content": content, "digest": translation.source_digest},
        **headers,
    )


@pytest.fixture
def visible_post(forum):
    """A French post of the published week, which every translator of the course reads."""
    return translated(
        course_post(forum, member("fr"), content="Crédito cooperativo.", language="fr")
    )


@pytest.fixture
def community_member(course):
    user = member("fr")
    enroll(course=course, user=user, role=Role.PARTICIPANT)
    return user


@pytest.fixture
def community(course, forum, community_member):
    community = create_community(
        course=course, name="Cooperativas rurales", members=[community_member]
    )
    community.refresh_from_db()
    return community


@pytest.fixture
def community_post(community, community_member):
    return translated(
        course_post(
            community.forum,
            community_member,
            content=f"Seulement pour nous : {SECRET}.",
            language="fr",
            subject="Plan secreto",
        )
    )


@pytest.fixture
def hidden_week_post(course, organizer):
    """A post of a week published once, then withdrawn: its forum is kept, read by nobody."""
    week = WeekPageFactory(parent=course, title="Semana retirada", questions=[])
    forum = week_forum(week, organizer)
    post = translated(
        course_post(forum, member("fr"), content=f"Semaine retirée : {SECRET}.", language="fr")
    )
    week.unpublish()
    return post


# The editor ------------------------------------------------------------------------------


def test_a_translator_outside_a_community_cannot_load_its_posts_translation_as_json(
    client, translator, community_post
):
    client.force_login(translator)

    response = client.get(edit_url(community_post), **JSON)

    assert response.status_code == 403
    assert response.json()["message"]
    assert SECRET not in response.content.decode()


def test_a_translator_outside_a_community_cannot_open_the_edit_page_of_its_posts(
    client, translator, community_post
):
    client.force_login(translator)

    response = client.get(edit_url(community_post))

    assert response.status_code == 403
    assert SECRET not in response.content.decode()


def test_a_translator_outside_a_community_cannot_mark_its_translations_reviewed(
    client, translator, community_post
):
    client.force_login(translator)

    page = save(client, community_post)
    inline = save(client, community_post, **JSON)

    assert (page.status_code, inline.status_code) == (403, 403)
    assert row(community_post).reviewed_at is None


def test_an_organizer_outside_a_community_cannot_edit_its_translations(
    client, organizer, community_post
):
    client.force_login(organizer)

    response = client.get(edit_url(community_post), **JSON)

    assert response.status_code == 403
    assert SECRET not in response.content.decode()


def test_a_translator_who_belongs_to_the_community_may_edit_its_translations(
    client, course, community, community_post
):
    insider = member("es")
    enroll(course=course, user=insider, role=Role.TRANSLATOR)
    community.members.add(insider)
    from forum.permissions import sync_course_permissions

    sync_course_permissions(course)
    client.force_login(insider)

    response = client.get(edit_url(community_post), **JSON)

    assert response.status_code == 200
    assert response.json()["content"] == row(community_post).content


def test_a_translator_cannot_edit_the_translations_of_a_withdrawn_week(
    client, translator, hidden_week_post
):
    client.force_login(translator)

    shown = client.get(edit_url(hidden_week_post), **JSON)
    saved = save(client, hidden_week_post)

    assert (shown.status_code, saved.status_code) == (403, 403)
    assert row(hidden_week_post).reviewed_at is None


def test_a_translator_cannot_edit_the_translation_of_a_post_awaiting_approval(
    client, translator, visible_post
):
    # The topic page leaves unapproved posts out; so does the editor.
    type(visible_post).objects.filter(pk=visible_post.pk).update(approved=False)
    client.force_login(translator)

    response = client.get(edit_url(visible_post), **JSON)

    assert response.status_code == 403


def test_a_translator_may_still_edit_the_translations_of_posts_they_read(
    client, translator, visible_post
):
    client.force_login(translator)

    response = client.get(edit_url(visible_post), **JSON)

    assert response.status_code == 200


@pytest.fixture
def gated_answer(course, organizer):
    """An answer to a "post before you see the others" question, machine-translated."""
    week = WeekPageFactory(
        parent=course,
        questions=[("question", {"text": "What works?", "post_before_seeing_others": True})],
    )
    publish(week, organizer)
    topic = question_topic(week)
    author = member("fr")
    enroll(course=course, user=author, role=Role.PARTICIPANT)
    answer = reply(topic, author, "Les coopératives de crédit.", "fr")
    pipeline.request_post_translation(answer, targets=["es", "en"], language="fr")
    return translated(answer)


def test_a_translator_edits_a_hidden_answer_exactly_when_the_topic_page_shows_it(
    client, translator, gated_answer
):
    client.force_login(translator)

    topic_page = client.get(topic_url(gated_answer.topic)).content.decode()
    editor = client.get(edit_url(gated_answer), **JSON)

    shown_on_topic_page = "Les coopératives de crédit" in topic_page
    assert (editor.status_code == 200) == shown_on_topic_page


# The queue -------------------------------------------------------------------------------


def test_the_queue_lists_no_post_of_a_community_the_translator_is_not_in(
    client, translator, visible_post, community_post, community
):
    client.force_login(translator)

    page = client.get(reverse("translation_review_queue")).content.decode()

    assert f'data-translation="{row(visible_post).pk}"' in page
    assert f'data-translation="{row(community_post).pk}"' not in page
    assert "Plan secreto" not in page
    assert community.name not in page


def test_the_queue_lists_no_post_of_a_withdrawn_week(client, translator, hidden_week_post):
    client.force_login(translator)

    page = client.get(reverse("translation_review_queue")).content.decode()

    assert f'data-translation="{row(hidden_week_post).pk}"' not in page
    assert "Semana retirada" not in page


def test_the_queue_cannot_be_filtered_to_a_withdrawn_week(client, translator, hidden_week_post):
    client.force_login(translator)

    page = client.get(
        reverse("translation_review_queue"), {"week": hidden_week_post.topic.forum_id}
    ).content.decode()

    assert f'data-translation="{row(hidden_week_post).pk}"' not in page
