"""Weekly responses: a member's progress page, the organizers' matrix and CSV, languages."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

from courses.models import Role
from forum.progress import language_figures, progress_matrix
from tests.factories import CoursePageFactory, WeekPageFactory
from tests.forum.participation_helpers import person, publish, question_topic, reply

pytestmark = pytest.mark.django_db


@pytest.fixture
def cohort(course, week, organizer):
    second = WeekPageFactory(parent=course, number=week.number + 1)
    publish(week, organizer)
    publish(second, organizer)
    people = {
        "ana": person(course, "ana", language="es", region="Bolivia"),
        "louis": person(course, "louis", language="fr", region="Québec"),
        "sarah": person(course, "sarah", language="en", region="Manitoba"),
    }
    first_topic = question_topic(week)
    reply(first_topic, people["ana"], "Las cooperativas.", "es")
    reply(first_topic, people["ana"], "Y las mutuales.", "es")
    reply(first_topic, people["louis"], "Les coopératives.", "fr")
    return {"weeks": [week, second], "people": people, "topic": first_topic}


def test_a_participant_sees_for_each_week_whether_they_responded_with_links(client, cohort):
    client.force_login(cohort["people"]["ana"])

    html = client.get(reverse("my_progress")).content.decode()

    assert html.count('class="responded"') == 1
    assert html.count('class="not-responded"') == 1
    assert f"?post={cohort['topic'].posts.filter(content='Y las mutuales.').get().pk}" in html


def test_the_matrix_counts_posts_per_member_and_week(course, cohort):
    weeks, rows = progress_matrix(course, role=Role.PARTICIPANT)

    counts = {row.user.username: row.counts for row in rows}
    assert weeks == cohort["weeks"]
    assert counts == {"ana": [2, 0], "louis": [1, 0], "sarah": [0, 0]}


def test_the_matrix_filters_by_region(course, cohort):
    _weeks, rows = progress_matrix(course, region="québec")

    assert [row.user.username for row in rows] == ["louis"]


def test_organizers_download_the_matrix_as_csv(client, course, cohort, organizer):
    client.force_login(organizer)

    response = client.get(
        reverse("course_participation", args=[course.pk]), {"format": "csv", "role": "participant"}
    )

    assert response["Content-Type"] == "text/csv"
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:3] == ["username", "name", "roles"]
    by_name = {row[0]: row for row in rows[1:]}
    assert by_name["ana"][-3:] == ["2", "0", "1"]
    assert set(by_name) == {"ana", "louis", "sarah"}


def test_a_visitor_is_sent_to_sign_in_before_seeing_their_progress(client):
    response = client.get(reverse("my_progress"))

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/forum/my/progress/"


def test_a_visitor_is_sent_to_sign_in_instead_of_the_matrix(client, course, cohort):
    url = reverse("course_participation", args=[course.pk])

    response = client.get(url, follow=True)

    assert response.redirect_chain[-1] == (f"/accounts/login/?next={url}", 302)


def test_a_participant_is_refused_in_the_sites_layout_not_asked_to_sign_in(client, course, cohort):
    client.force_login(cohort["people"]["ana"])
    url = reverse("course_participation", args=[course.pk])

    response = client.get(url, {"format": "csv"}, follow=True)

    assert response.status_code == 403
    html = response.content.decode()
    assert "No puede abrir esta página" in html  # Ana reads Spanish
    assert 'name="password"' not in html


def test_a_key_respondent_in_the_admin_is_sent_back_to_the_dashboard(
    client, course, cohort, key_respondent
):
    client.force_login(key_respondent)

    response = client.get(reverse("course_participation", args=[course.pk]))
    dashboard = client.get(response["Location"])

    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert [str(m).strip() for m in dashboard.context["messages"]] == [
        "Sorry, you do not have permission to access this area."
    ]


def test_an_organizer_of_another_course_finds_no_matrix_for_this_one(
    client, home_page, course, cohort
):
    other_course = CoursePageFactory(parent=home_page)
    stranger = person(other_course, "stranger", Role.ORGANIZER)
    client.force_login(stranger)

    response = client.get(reverse("course_participation", args=[course.pk]), {"format": "csv"})

    assert response.status_code == 404


def test_replies_in_another_language_than_their_topic_cross_languages(course, cohort, organizer):
    from translations.models import PostLanguage

    PostLanguage.objects.update_or_create(
        post=cohort["topic"].first_post, defaults={"language": "es"}
    )

    figure = language_figures(course)[0]

    assert figure.posts == {"es": 2, "fr": 1}
    assert figure.replies == 3
    assert figure.crossing_replies == 1


def test_the_matrix_shows_a_page_of_members_at_a_time_and_the_csv_every_one(
    client, course, cohort, organizer, monkeypatch
):
    """Hundreds of members are pages of a table; the filters follow the page links."""
    monkeypatch.setattr("forum.participation_admin.MEMBERS_PER_PAGE", 2)
    for name in ("bea", "carl"):
        person(course, name, region="Bolivia")
    client.force_login(organizer)
    url = reverse("course_participation", args=[course.pk])

    first = client.get(url, {"role": "participant"})
    second = client.get(url, {"role": "participant", "page": "2"})
    beyond = client.get(url, {"role": "participant", "page": "99"})  # the last page
    csv_rows = list(
        csv.reader(io.StringIO(client.get(url, {"role": "participant", "format": "csv"}).text))
    )

    def names(response) -> list[str]:
        return [row.user.username for row in response.context["rows"]]

    assert names(first) == ["ana", "bea"]
    assert names(second) == ["carl", "louis"]
    assert names(beyond) == ["sarah"]
    assert [row[0] for row in csv_rows[1:]] == ["ana", "bea", "carl", "louis", "sarah"]
    html = first.text
    assert "Page 1 of 3 (5 members)" in html
    assert 'href="?role=participant&amp;page=2"' in html
    assert 'rel="prev"' not in html
    # ana's counts are on her row whichever page shows it.
    assert first.context["rows"][0].counts == [2, 0]
    by_region = client.get(url, {"region": "bolivia"})
    assert names(by_region) == ["ana", "bea"]
    assert "Page 1 of 2 (3 members)" in by_region.text


def test_the_matrix_pages_are_labelled_in_the_organizers_language(
    client, course, cohort, organizer, monkeypatch, compiled_catalogs
):
    from members.profiles import get_profile

    monkeypatch.setattr("forum.participation_admin.MEMBERS_PER_PAGE", 2)
    profile = get_profile(organizer)
    profile.preferred_language = "es"
    profile.save()
    client.force_login(organizer)

    html = client.get(reverse("course_participation", args=[course.pk]), {"page": "2"}).text

    assert "Página 2 de 2 (4 miembros)" in html
    assert "Página anterior" in html
