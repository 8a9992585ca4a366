from __future__ import annotations

from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from machina.core.db.models import get_model

from cms.demo import DEMO_PASSWORD
from courses.models import CaseStudyPage, CoursePage, Enrollment, Role, WeekPage, WeekState

Post = get_model("forum_conversation", "Post")

pytestmark = pytest.mark.django_db

# `demo_cohort` is the state `load_demo` leaves: the command itself in the first test of a
# process, its rows copied back in the others (tests/demo/snapshot.py); the tests that load
# again call the command.

COUNTED_MODELS = [
    "auth.User",
    "auth.Group",
    "wagtailcore.Page",
    "wagtailcore.Revision",
    "wagtailcore.Workflow",
    "wagtailcore.WorkflowPage",
    "courses.Enrollment",
    "members.Profile",
    "cohort_forum.CourseCategory",
    "cohort_forum.WeekForum",
    "cohort_forum.QuestionTopic",
    "forum.Forum",
    "forum_conversation.Topic",
    "forum_conversation.Post",
    "forum_permission.UserForumPermission",
    "forum_permission.GroupForumPermission",
    "courses.Application",
    "cohort_forum.KeyRespondentQuestion",
    "cohort_forum.CommunityOfPractice",
    "communities.JoinRequest",
    "communities.Invitation",
    "communities.SharedTopic",
    "projects.Project",
    "projects.Need",
    "projects.Offer",
    "projects.Update",
]


def load_demo() -> str:
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def row_counts() -> dict[str, int]:
    return {label: apps.get_model(label).objects.count() for label in COUNTED_MODELS}


def test_load_demo_creates_the_six_weeks_of_the_outline(demo_cohort):
    course = CoursePage.objects.get()
    weeks = list(course.weeks())
    assert [w.number for w in weeks] == [1, 2, 3, 4, 5, 6]
    assert weeks[0].title == "Introduction: why the social economy"
    assert weeks[3].title == "Experiences from Quebec and Brazil: a comparative study"
    assert all(w.readings and w.questions for w in weeks)


def test_load_demo_makes_week_three_the_open_one(demo_cohort):
    course = CoursePage.objects.get()
    states = [w.state() for w in course.weeks()]
    assert course.current_week.number == 3
    assert states[:2] == [WeekState.CLOSED, WeekState.CLOSED]
    assert states[3:] == [WeekState.UPCOMING] * 3


def test_load_demo_writes_case_studies_for_weeks_four_and_five(demo_cohort):
    languages = {
        page.get_parent().specific.number: page.language for page in CaseStudyPage.objects.live()
    }
    assert languages == {4: "fr", 5: "es"}


def test_load_demo_enrolls_one_person_per_role_and_prints_their_logins(demo_cohort):
    output = demo_cohort

    assert set(Enrollment.objects.values_list("role", flat=True)) == set(Role.values)
    assert DEMO_PASSWORD in output
    for username in ("organizer", "respondent-fr", "participant-es", "translator"):
        assert username in output
        assert get_user_model().objects.get(username=username).check_password(DEMO_PASSWORD)


def test_load_demo_posts_in_each_language_in_several_weeks(demo_cohort):
    replies = Post.objects.exclude(poster__username="organizer")
    posters = set(replies.values_list("poster__username", flat=True))
    assert {"participant-es", "participant-fr", "participant-en"} <= posters
    assert replies.values("topic__forum").distinct().count() >= 3


def test_load_demo_replies_are_labelled_with_the_language_their_author_writes_in(demo_cohort):
    from translations.models import PostLanguage

    replies = Post.objects.exclude(poster__username="organizer").select_related(
        "poster__puentes_profile", "puentes_language"
    )
    assert replies.exists()
    for reply in replies:
        assert reply.puentes_language.language == reply.poster.puentes_profile.preferred_language
        assert reply.puentes_language.chosen_by_author
    assert PostLanguage.objects.filter(language="fr").exists()


def test_load_demo_twice_creates_and_changes_nothing(demo_cohort):
    before = row_counts()
    pages_before = list(WeekPage.objects.values_list("pk", "title", "opens_on", "live"))

    output = load_demo()

    assert row_counts() == before
    assert list(WeekPage.objects.values_list("pk", "title", "opens_on", "live")) == pages_before
    assert "nothing to do" in output


def test_load_demo_shows_applications_questions_and_a_community_of_practice(demo_cohort):
    from courses.models import Application
    from forum.models import CommunityOfPractice, KeyRespondentQuestion

    assert Application.objects.filter(status="pending").count() == 1
    answered = [question.is_answered for question in KeyRespondentQuestion.objects.all()]
    assert sorted(answered) == [False, True]
    assert CommunityOfPractice.objects.get(course__isnull=False).members.count() == 3


def test_load_demo_ships_two_open_communities_and_a_private_one_outside_the_course(
    demo_cohort,
):
    from communities.models import SharedTopic
    from forum.models import CommunityOfPractice

    outside = CommunityOfPractice.objects.filter(course=None, status="approved")
    assert sorted(outside.values_list("access", flat=True)) == ["open", "open", "private"]
    assert all(community.forum.topics.exists() for community in outside)
    assert all(community.hosts.exists() for community in outside)
    assert SharedTopic.objects.count() == 1


def test_load_demo_gives_the_themes_and_regions_the_translators_names(demo_cohort):
    from taxonomy.models import Region, Theme
    from translations.models import TextTranslation

    def reviewed(term, language: str) -> TextTranslation:
        return TextTranslation.objects.get(
            source__object_id=term.pk,
            source__content_type__model=type(term).__name__.lower(),
            source__field="name",
            language=language,
        )

    co_construction = reviewed(Theme.objects.get(slug="co-construction"), "fr")
    assert co_construction.text == "Co-construction des politiques"
    assert co_construction.reviewed_by.username == "translator"
    assert reviewed(Region.objects.get(slug="bolivia"), "fr").text == "Bolivie"
    assert reviewed(Region.objects.get(slug="bolivia"), "es").text == "Bolivia"
    load_demo()  # twice: the names stay the translator's
    assert reviewed(Theme.objects.get(slug="co-construction"), "fr").reviewed_at is not None
