"""Full-text search finds only what its reader may read: a private community's posts, an
answer still hidden until the reader answers, a post awaiting approval and a private
course's forum stay out of other people's results; pages and case studies are found by
the words of their original and of their translations."""

from __future__ import annotations

import re

import pytest

from courses.enrollment import enroll
from courses.models import Role
from forum.communities import create_community
from forum.fulltext import light_stem
from tests.factories import CaseStudyPageFactory, WeekPageFactory
from tests.forum.helpers import course_forum, grant, member
from tests.forum.participation_helpers import person, publish, question_topic, reply
from tests.search.helpers import found, written
from translations.models import TextTranslation
from translations.texts import translate_due_texts

pytestmark = pytest.mark.django_db


def test_a_private_communitys_posts_are_found_by_its_members_only(client, course):
    insider, outsider = member("es"), member("es")
    for someone in (insider, outsider):
        enroll(course=course, user=someone, role=Role.PARTICIPANT)
    community = create_community(course=course, name="Huertos", members=[insider])
    community.refresh_from_db()
    post = written(community.forum, "Las semillas de la cooperativa.")

    client.force_login(outsider)
    outside = found(client, "semillas")
    client.force_login(insider)
    inside = found(client, "semillas")

    assert f'data-post="{post.pk}"' not in outside
    assert f'data-post="{post.pk}"' in inside


def test_an_answer_hidden_until_the_reader_answers_is_not_found_before(client, course, organizer):
    week = WeekPageFactory(
        parent=course,
        questions=[("question", {"text": "What works?", "post_before_seeing_others": True})],
    )
    publish(week, organizer)
    topic = question_topic(week)
    answer = reply(topic, person(course, "ana"), "Mi respuesta sobre las cooperativas.", "es")
    louis = person(course, "louis")
    client.force_login(louis)

    assert f'data-post="{answer.pk}"' not in found(client, "respuesta cooperativas")

    reply(topic, louis, "Ma réponse.", "fr")

    assert f'data-post="{answer.pk}"' in found(client, "respuesta cooperativas")


def test_a_post_awaiting_approval_is_not_found(client):
    forum = course_forum()
    reader = member("es")
    grant(reader, forum)
    waiting = written(forum, "Las zanahorias esperan.", approved=False)
    client.force_login(reader)

    assert f'data-post="{waiting.pk}"' not in found(client, "zanahorias")


def test_a_private_course_forum_is_searched_by_its_members_only(client):
    forum = course_forum()
    post = written(forum, "Las zanahorias del curso.")
    outsider = member("es")
    grant(outsider, course_forum())  # enrolled, but in another course
    client.force_login(outsider)

    assert f'data-post="{post.pk}"' not in found(client, "zanahorias")
    client.logout()
    assert f'data-post="{post.pk}"' not in found(client, "zanahorias")


def test_a_case_study_is_found_by_a_stemmed_word_of_its_original_and_of_a_translation(
    client, course, organizer, django_capture_on_commit_callbacks
):
    week = publish(
        WeekPageFactory(parent=course, title="Semaine", language_written="fr", questions=[]),
        organizer,
    )
    case = publish(
        CaseStudyPageFactory(
            parent=week,
            title="Le Chantier de l'économie sociale",
            abstract="Les coopératives du Québec et le crédit solidaire.",
            body="<p>Une étude de cas courte.</p>",
            language="fr",
        ),
        organizer,
    )
    with django_capture_on_commit_callbacks(execute=True):  # texts_translated, on commit
        translate_due_texts()
    english = TextTranslation.objects.get(
        source__object_id=case.pk, source__field="abstract", language="en"
    ).text
    french = light_stem(" ".join(re.findall(r"\w+", case.abstract + " " + case.title)))
    english_word = next(  # a word the French original does not hold
        word
        for word in re.findall(r"\w+", english)
        if len(word) >= 5 and light_stem(word) not in french
    )
    client.force_login(member("en"))

    assert f'data-page="{case.pk}"' in found(client, "cooperativa")  # stem, no accent
    assert f'data-page="{case.pk}"' in found(client, english_word)


def test_an_unpublished_case_study_leaves_the_results(client, course, organizer):
    week = publish(WeekPageFactory(parent=course, questions=[]), organizer)
    case = publish(
        CaseStudyPageFactory(parent=week, title="Zanahorias del valle", language="es"),
        organizer,
    )
    client.force_login(member("es"))
    assert f'data-page="{case.pk}"' in found(client, "zanahorias")

    case.unpublish()

    assert f'data-page="{case.pk}"' not in found(client, "zanahorias")
