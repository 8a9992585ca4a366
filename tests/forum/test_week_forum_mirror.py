from __future__ import annotations

import pytest
from machina.core.db.models import get_model

from courses.enrollment import enroll
from courses.models import Role
from forum.models import CourseCategory, QuestionTopic, WeekForum
from tests.factories import CoursePageFactory, UserFactory

Forum = get_model("forum", "Forum")
Topic = get_model("forum_conversation", "Topic")
Post = get_model("forum_conversation", "Post")

pytestmark = pytest.mark.django_db


def publish(page, user=None):
    page.save_revision(user=user).publish(user=user)
    page.refresh_from_db()
    return page


def test_publishing_a_week_creates_its_forum_under_the_course_category(course, week, organizer):
    publish(week, organizer)

    week_forum = WeekForum.objects.get(week=week)
    category = CourseCategory.objects.get(course=course).forum
    assert week_forum.forum.parent == category
    assert category.type == Forum.FORUM_CAT
    assert week_forum.forum.type == Forum.FORUM_POST
    assert week_forum.forum.name == f"Week {week.number}: {week.title}"


def test_publishing_a_week_again_updates_its_forum_and_never_duplicates_it(week, organizer):
    publish(week, organizer)
    publish(week, organizer)

    assert WeekForum.objects.count() == 1
    assert Forum.objects.filter(type=Forum.FORUM_POST).count() == 1
    assert Topic.objects.count() == 2


def test_renaming_a_week_renames_its_forum(week, organizer):
    publish(week, organizer)
    week.title = "Research on the social economy in Canada"

    publish(week, organizer)

    forum = WeekForum.objects.get(week=week).forum
    assert forum.name == f"Week {week.number}: Research on the social economy in Canada"


def test_renaming_a_course_renames_its_category(course, week, organizer):
    publish(week, organizer)
    course.title = "Foro en línea Canadá – América Latina"

    publish(course, organizer)

    assert CourseCategory.objects.get(course=course).forum.name == course.title


def test_moving_a_week_to_another_course_moves_its_forum(home_page, week, organizer):
    publish(week, organizer)
    other_course = CoursePageFactory(parent=home_page)

    week.move(other_course, pos="last-child")

    forum = WeekForum.objects.get(week=week).forum
    assert forum.parent == CourseCategory.objects.get(course=other_course).forum


def test_unpublishing_a_week_hides_its_forum_and_keeps_its_posts(week, organizer):
    publish(week, organizer)
    posts_before = Post.objects.count()

    week.unpublish()

    assert WeekForum.objects.get(week=week).hidden
    assert Post.objects.count() == posts_before


def test_republishing_a_hidden_week_shows_its_forum_again(week, organizer):
    publish(week, organizer)
    week.unpublish()

    publish(week, organizer)

    assert not WeekForum.objects.get(week=week).hidden
    assert WeekForum.objects.count() == 1


def test_deleting_a_week_deletes_its_forum_topics_and_posts(week, organizer):
    publish(week, organizer)
    forum_id = WeekForum.objects.get(week=week).forum_id

    week.delete()

    assert not Forum.objects.filter(pk=forum_id).exists()
    assert not Topic.objects.exists()
    assert not Post.objects.exists()
    assert not QuestionTopic.objects.exists()


def test_deleting_a_course_leaves_no_orphan_forum(course, week, organizer):
    publish(week, organizer)

    course.delete()

    assert not Forum.objects.exists()


def test_a_forum_mirror_link_is_not_stored_on_the_page_revision(week, organizer):
    publish(week, organizer)

    content = week.latest_revision.content

    assert not any("forum" in key for key in content)


@pytest.mark.usefixtures("compiled_catalogs")
@pytest.mark.parametrize(
    ("written_in", "name"),
    [("es", "Semana 1: "), ("fr", "Semaine 1 : "), ("en", "Week 1: "), ("", "Week 1: ")],
)
def test_the_week_forum_is_named_in_the_language_the_week_is_written_in(
    week, organizer, written_in, name
):
    """Its name is then translated from there (the site's language when left to detection)."""
    week.number, week.language_written = 1, written_in
    publish(week, organizer)

    forum = WeekForum.objects.get(week=week).forum

    assert forum.name == f"{name}{week.title}"


def test_a_week_published_again_keeps_its_one_forum(week, organizer):
    publish(week, organizer)
    publish(week, organizer)

    assert WeekForum.objects.count() == 1
    assert CourseCategory.objects.count() == 1


def test_an_enrolled_participant_sees_the_published_week_forum(client, course, week, organizer):
    participant = UserFactory(username="ana")
    enroll(course=course, user=participant, role=Role.PARTICIPANT)
    publish(week, organizer)
    client.force_login(participant)

    response = client.get("/forum/")

    assert week.title.encode() in response.content


def test_a_hidden_week_forum_is_invisible_to_its_participants(client, course, week, organizer):
    participant = UserFactory(username="ana")
    enroll(course=course, user=participant, role=Role.PARTICIPANT)
    publish(week, organizer)
    forum = WeekForum.objects.get(week=week).forum
    week.unpublish()
    client.force_login(participant)

    index = client.get("/forum/")
    direct = client.get(f"/forum/forum/{forum.slug}-{forum.pk}/")

    assert week.title.encode() not in index.content
    assert direct.status_code == 403


@pytest.mark.parametrize("who", ["anonymous", "not enrolled"])
def test_course_forums_are_private_to_visitors(client, course, week, organizer, who):
    publish(week, organizer)
    forum = WeekForum.objects.get(week=week).forum
    if who == "not enrolled":
        client.force_login(UserFactory(username="stranger"))

    index = client.get("/forum/")
    direct = client.get(f"/forum/forum/{forum.slug}-{forum.pk}/")

    assert week.title.encode() not in index.content
    assert direct.status_code in (302, 403)  # anonymous visitors are sent to log in
