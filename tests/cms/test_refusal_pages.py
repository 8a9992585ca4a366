"""Refusals are pages of the site in the reader's language: a missing page, a closed week's
forum, and the application form's refusal, shown next to the field it is about."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import formats, timezone, translation
from machina.core.db.models import get_model

from courses.enrollment import enroll
from courses.models import Enrollment, Role, WeekPage
from forum.models import QuestionTopic, WeekForum
from members.profiles import get_profile
from tests.factories import WeekPageFactory

pytestmark = pytest.mark.django_db

Post = get_model("forum_conversation", "Post")


def days(n: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=n)


def reader(language: str) -> User:
    user = User.objects.create_user(username=f"reader-{language}")
    profile = get_profile(user)
    profile.preferred_language = language
    profile.save()
    return user


def test_a_missing_page_is_a_page_of_the_site_in_the_readers_language(client, compiled_catalogs):
    client.force_login(reader("fr"))

    response = client.get("/no-such-page-here/")

    html = response.content.decode()
    assert response.status_code == 404
    assert '<html lang="fr"' in html
    assert "Page introuvable" in html
    assert "Se déconnecter" in html  # the site's header, signed in


CLOSED_WEEK = {
    "es": ("La semana 1 cerró el", "Pida más tiempo"),
    "fr": ("La semaine 1 a fermé le", "Demandez"),
    "en": ("Week 1 closed on", "Ask the organizers of your course if you need more time."),
}


def closed_week(course, organizer, **dates):
    """Week 1 of the course, closed three days ago, with its question topics."""
    week = WeekPageFactory(parent=course, title="Cooperatives", number=1,
                           opens_on=days(-9), closes_on=days(-3), **dates)  # fmt: skip
    week.save_revision(user=organizer).publish(user=organizer)
    return WeekPage.objects.get(pk=week.pk)


def participant_of(course, language: str) -> User:
    participant = reader(language)
    enroll(course=course, user=participant, role=Role.PARTICIPANT)
    return participant


def topic_create_url(week: WeekPage) -> str:
    forum = WeekForum.objects.get(week=week).forum
    return reverse("forum_conversation:topic_create", args=[forum.slug, forum.pk])


def reply_url(week: WeekPage):
    topic = QuestionTopic.objects.filter(week=week).order_by("position").first().topic
    forum = topic.forum
    url = reverse(
        "forum_conversation:post_create", args=[forum.slug, forum.pk, topic.slug, topic.pk]
    )
    topic_url = reverse(
        "forum_conversation:topic", args=[forum.slug, forum.pk, topic.slug, topic.pk]
    )
    return url, topic_url


def date_in(language: str, day: dt.date) -> str:
    with translation.override(language):
        return formats.date_format(day)


@pytest.mark.parametrize("language", ["es", "fr", "en"])
def test_opening_a_closed_week_s_form_says_when_it_closed_in_the_reader_s_language(
    client, course, organizer, compiled_catalogs, language
):
    week = closed_week(course, organizer)
    client.force_login(participant_of(course, language))

    response = client.get(topic_create_url(week))

    html = response.content.decode()
    closed_on, ask = CLOSED_WEEK[language]
    assert response.status_code == 403
    assert f'<html lang="{language}"' in html
    assert closed_on in html
    assert date_in(language, week.closes_on) in html
    assert ask in html
    assert f'href="{week.url}"' in html
    assert "Cooperatives" in html


def test_replying_in_a_closed_week_is_refused_with_links_to_the_week_and_the_topic(
    client, course, organizer, compiled_catalogs
):
    week = closed_week(course, organizer)
    client.force_login(participant_of(course, "es"))
    url, topic_url = reply_url(week)

    response = client.post(url, {"subject": "Re", "content": "Tarde."})

    html = response.content.decode()
    assert response.status_code == 403
    assert "La semana 1 cerró el" in html
    assert "Cerrar sesión" in html  # the site's header, signed in
    assert f'href="{week.url}"' in html
    assert f'href="{topic_url}"' in html
    assert not Post.objects.filter(content__contains="Tarde").exists()


def test_a_week_whose_late_posts_have_ended_says_until_when_they_were_accepted(
    client, course, organizer, compiled_catalogs
):
    week = closed_week(course, organizer, late_posts_until=days(-1))
    client.force_login(participant_of(course, "fr"))

    response = client.get(topic_create_url(week))

    html = response.content.decode()
    assert response.status_code == 403
    assert "La semaine 1 a fermé le" in html
    assert f"acceptés jusqu’au {date_in('fr', days(-1))}" in html


def test_a_member_whose_extension_has_ended_is_told_until_when_it_ran(
    client, course, organizer, compiled_catalogs
):
    week = closed_week(course, organizer)
    participant = participant_of(course, "en")
    Enrollment.objects.filter(user=participant).update(late_until=days(-2))
    client.force_login(participant)

    html = client.get(topic_create_url(week)).content.decode()

    assert f"Late posts were accepted until {date_in('en', days(-2))}." in html


def test_a_non_member_is_refused_with_the_generic_page_and_no_details_of_the_course(
    client, course, organizer, compiled_catalogs
):
    week = closed_week(course, organizer)
    client.force_login(reader("es"))

    response = client.get(topic_create_url(week))

    html = response.content.decode()
    assert response.status_code == 403
    assert "No puede abrir esta página" in html
    assert "Cooperatives" not in html
    assert date_in("es", week.closes_on) not in html
    assert week.url not in html


def test_a_too_long_statement_is_refused_next_to_its_field(client, course, compiled_catalogs):
    course.start_date, course.application_deadline = days(20), days(10)
    course.save_revision().publish()
    client.force_login(reader("fr"))

    response = client.post(
        reverse("courses:apply", args=[course.pk]),
        {
            "role": "key_respondent",
            "work_description": "Coopératives.",
            "key_respondent_statement": "mot " * 301,
        },
    )

    html = response.content.decode()
    field = html.split('id="id_key_respondent_statement"', 1)[1].split("</div>", 1)[0]
    assert response.status_code == 400
    assert 'class="field-error"' in field
    assert "301" in field
