"""Organizers see their course at a glance: the dashboard's sections, each linking to the
screen that acts on it, for their own courses only."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.urls import reverse
from machina.test.factories import PostFactory, create_topic

from cms.models import HomePage
from courses.editorial import ensure_editorial_setup
from courses.enrollment import enroll
from courses.models import Application, CaseStudyPage, CoursePage, Role, WeekPage
from forum.models import WeekForum
from forum.questions import ask
from members.profiles import get_profile
from tests.factories import CoursePageFactory, UserFactory, WeekPageFactory
from translations import pipeline
from translations.models import TextSource, TextTranslation
from translations.texts import content_type_of, text_digest

pytestmark = pytest.mark.django_db

DASHBOARD = "/admin/dashboard/"


def named(username: str, name: str):
    user = UserFactory(username=username)
    profile = get_profile(user)
    profile.display_name = name
    profile.save()
    return user


def organizer_of(course: CoursePage, username: str):
    user = named(username, username.title())
    user.groups.add(ensure_editorial_setup().organizers)
    enroll(course=course, user=user, role=Role.ORGANIZER)
    return user


@dataclass
class Course:
    course: CoursePage
    week: WeekPage
    organizer: object
    question: object
    failed: object
    case_study: CaseStudyPage


def a_course(title: str, slug: str) -> Course:
    """A course in its open week: Ana posted and asked the key respondent; Louis has not
    posted; Bea applied; a case study waits in review; a translation failed."""
    course = CoursePageFactory(parent=HomePage.objects.get(slug="home"), title=title, slug=slug)
    week = WeekPageFactory(parent=course, questions=[], title=f"Week of {title}")
    week.save_revision().publish()
    forum = WeekForum.objects.get(week=week).forum
    organizer = organizer_of(course, f"organizer-{slug}")
    ana = named(f"ana-{slug}", f"Ana of {title}")
    louis = named(f"louis-{slug}", f"Louis of {title}")
    for person in (ana, louis):
        enroll(course=course, user=person, role=Role.PARTICIPANT)
    Application.objects.create(
        course=course, user=named(f"bea-{slug}", "Bea"), role="participant", work_description="x"
    )
    topic = create_topic(forum=forum, poster=ana)
    post = PostFactory(topic=topic, poster=ana, subject=f"Credit question of {title}")
    question = ask(post=post)
    pipeline.request_post_translation(post, targets=["fr"], language="en")
    pipeline.mark_failed(post.pk, error="HTTP 503: engine down")
    author = named(f"carla-{slug}", f"Carla of {title}")
    enroll(course=course, user=author, role=Role.KEY_RESPONDENT, week=week)
    case_study = CaseStudyPage(
        title=f"Case study of {title}",
        slug=f"case-{slug}",
        owner=author,
        region="Chile",
        language="es",
        abstract="Resumen",
        body="<p>Cuerpo</p>",
        live=False,
    )
    week.add_child(instance=case_study)
    case_study.save_revision(user=author)
    case_study.get_workflow().start(case_study, author)
    return Course(course, week, organizer, question, post, case_study)


@pytest.fixture
def coop():
    return a_course("Rural cooperatives", "coop")


@pytest.fixture
def other():
    return a_course("Urban gardens", "gardens")


def dashboard_of(client, user) -> str:
    client.force_login(user)
    response = client.get(DASHBOARD)
    assert response.status_code == 200
    return response.content.decode()


def test_the_dashboard_is_titled_by_what_it_is(client, coop):
    html = dashboard_of(client, coop.organizer)

    assert "<title>Course dashboard" in html
    assert "Rural cooperatives" in html


def test_waiting_applications_are_counted_with_a_link_to_decide_them(client, coop):
    html = dashboard_of(client, coop.organizer)

    assert "1 application waiting for a decision." in html
    assert f"{reverse('course_applications')}?course={coop.course.pk}&amp;status=pending" in html


def test_this_weeks_posts_and_the_participants_who_have_not_posted_are_shown(client, coop):
    html = dashboard_of(client, coop.organizer)

    assert "Week of Rural cooperatives" in html
    assert "1 post this week." in html
    silent = html.split("course-dashboard__silent")[1].split("</ul>")[0]
    assert "Louis of Rural cooperatives" in silent
    assert "Ana of Rural cooperatives" not in silent


def test_unanswered_questions_are_listed_with_a_link_to_the_post(client, coop):
    html = dashboard_of(client, coop.organizer)

    assert "Credit question of Rural cooperatives" in html
    assert f"?post={coop.question.post_id}#{coop.question.post_id}" in html


def test_an_answered_question_is_no_longer_listed(client, coop):
    coop.question.answered_at = coop.question.asked_at
    coop.question.save()

    html = dashboard_of(client, coop.organizer)

    assert "Credit question of Rural cooperatives" not in html
    assert "No question is waiting for an answer." in html


def test_case_studies_in_review_link_to_their_edit_page(client, coop):
    html = dashboard_of(client, coop.organizer)

    assert "Case study of Rural cooperatives" in html
    assert reverse("wagtailadmin_pages:edit", args=[coop.case_study.pk]) in html


def test_failed_translations_are_counted_with_a_link_to_retry_them(client, coop):
    html = dashboard_of(client, coop.organizer)

    assert "1 translation failed after every retry." in html
    assert reverse("failed_translations") in html


def translate_title(page, language: str, text: str) -> None:
    """A done translation of the page's title, made from its live title."""
    source = TextSource.objects.filter(
        content_type=content_type_of(page), object_id=page.pk, field="title"
    ).first()
    if source is None:
        source = TextSource.objects.create(
            content_type=content_type_of(page),
            object_id=page.pk,
            field="title",
            text=page.title,
            digest=text_digest(page.title),
            language="en",
        )
    TextTranslation.objects.update_or_create(
        source=source,
        language=language,
        defaults={
            "status": TextTranslation.Status.DONE,
            "source_language": "en",
            "source_digest": source.digest,
            "text": text,
        },
    )


def test_course_and_week_titles_are_shown_in_the_organizers_language(client, coop):
    translate_title(coop.course, "fr", "Coopératives rurales")
    translate_title(coop.week, "fr", "Semaine des coopératives")
    profile = get_profile(coop.organizer)
    profile.preferred_language = "fr"
    profile.save()

    html = dashboard_of(client, coop.organizer)

    assert "<title>Tableau de bord du cours" in html
    assert "Coopératives rurales" in html
    assert "Semaine des coopératives" in html


def test_an_organizer_of_another_course_sees_nothing_of_this_one(client, coop, other):
    html = dashboard_of(client, other.organizer)

    assert "Urban gardens" in html
    for secret in (
        "Rural cooperatives",
        "Louis of Rural",
        "Credit question of Rural",
        reverse("wagtailadmin_pages:edit", args=[coop.case_study.pk]),
    ):
        assert secret not in html
    # Its own figures only: one of each, not two.
    assert "1 application waiting for a decision." in html
    assert "1 translation failed after every retry." in html


def test_a_superuser_sees_every_course(client, coop, other):
    admin = UserFactory(is_superuser=True, is_staff=True)

    html = dashboard_of(client, admin)

    assert "Rural cooperatives" in html
    assert "Urban gardens" in html


@pytest.mark.parametrize("role", [Role.PARTICIPANT, Role.KEY_RESPONDENT, Role.TRANSLATOR])
def test_members_who_do_not_organize_are_refused(client, coop, role):
    user = UserFactory()
    week = coop.week if role == Role.KEY_RESPONDENT else None
    enroll(course=coop.course, user=user, role=role, week=week)
    client.force_login(user)

    response = client.get(DASHBOARD)

    # As every admin screen refuses: to the sign-in without the admin, else to the admin's
    # home with Wagtail's "no permission" message.
    assert response.status_code == 302
    assert response["Location"] in ("/admin/", f"/admin/login/?next={DASHBOARD}")
    assert "Rural cooperatives" not in response.content.decode()


def test_the_admin_home_shows_a_panel_of_the_organizers_courses(client, coop):
    client.force_login(coop.organizer)

    html = client.get("/admin/").content.decode()

    assert 'id="course-dashboard"' in html or "course-dashboard-panel" in html
    assert f"{reverse('course_dashboard')}#course-{coop.course.pk}" in html
    assert "1 unanswered question" in html


def test_the_menu_offers_the_dashboard_to_organizers(client, coop):
    client.force_login(coop.organizer)

    html = client.get("/admin/").content.decode()

    assert reverse("course_dashboard") in html
