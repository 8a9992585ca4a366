"""Facts cached between requests are forgotten when they change: a member's roles, a
forum's course; what is new in "This week" is counted by the database and only ten are
loaded; machina's permission tag checks its method names once."""

from __future__ import annotations

import pytest
from django.template import Context, Template, TemplateSyntaxError
from django.test import RequestFactory
from django.urls import reverse
from machina.core.db.models import get_model

from courses.enrollment import change_role, course_roles, enroll, is_key_respondent, withdraw
from courses.models import Role
from forum.course_of import course_id_of_forum
from forum.models import CourseCategory
from forum.permission_handler import PermissionHandler
from tests.factories import CoursePageFactory, UserFactory

Post = get_model("forum_conversation", "Post")
Topic = get_model("forum_conversation", "Topic")

pytestmark = pytest.mark.django_db


def test_a_role_change_is_seen_at_once(course):
    user = UserFactory()
    enroll(course=course, user=user, role=Role.PARTICIPANT)
    assert course_roles(user, course) == {Role.PARTICIPANT}

    change_role(user.enrollments.get(course=course), role=Role.TRANSLATOR)

    assert course_roles(user, course) == {Role.TRANSLATOR}


def test_a_member_who_withdraws_has_no_role_left(course):
    user = UserFactory()
    enroll(course=course, user=user, role=Role.PARTICIPANT)
    assert course_roles(user, course) == {Role.PARTICIPANT}

    withdraw(course=course, user=user)

    assert course_roles(user, course) == set()


def test_a_member_who_becomes_key_respondent_is_seen_as_one(course, week):
    user = UserFactory()
    assert not is_key_respondent(user)

    enroll(course=course, user=user, role=Role.KEY_RESPONDENT, week=week)

    assert is_key_respondent(user)


def test_a_forum_given_to_a_course_is_seen_in_it(home_page, course, forum):
    assert course_id_of_forum(forum.pk) == course.pk
    other = CoursePageFactory(parent=home_page, title="Another course")

    CourseCategory.objects.filter(course=course).update(course=other)  # no signal...
    assert course_id_of_forum(forum.pk) == course.pk  # ...so the cache still holds
    CourseCategory.objects.get(course=other).save()  # a save says it changed

    assert course_id_of_forum(forum.pk) == other.pk


def test_this_week_counts_every_new_post_and_lists_ten(client, course, week, forum, organizer):
    topic = Topic.objects.filter(forum=forum).first()
    reader = UserFactory()
    enroll(course=course, user=reader, role=Role.PARTICIPANT)
    for number in range(25):
        Post.objects.create(
            topic=topic, poster=organizer, subject="Re", content=f"post {number}", approved=True
        )
    client.force_login(reader)

    html = client.get(reverse("courses:this_week")).content.decode()

    shown = html.split('class="new-posts"', 1)[1].split("</ul>", 1)[0]
    assert shown.count("<li") == 10
    new = Post.objects.filter(topic__forum=forum).exclude(poster=reader).count()
    assert f"{new} new posts" in html


def test_this_week_makes_as_many_queries_with_5_or_50_new_posts(
    client, course, week, forum, organizer, django_assert_max_num_queries
):
    topic = Topic.objects.filter(forum=forum).first()
    reader = UserFactory()
    enroll(course=course, user=reader, role=Role.PARTICIPANT)
    client.force_login(reader)

    def write(count: int) -> None:
        for number in range(count):
            Post.objects.create(
                topic=topic, poster=organizer, subject="Re", content=f"n{number}", approved=True
            )

    write(5)
    client.get(reverse("courses:this_week"))
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(reverse("courses:this_week"))
    write(45)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("courses:this_week"))


def test_the_permission_tag_refuses_a_name_that_is_not_a_public_method(rf: RequestFactory):
    request = rf.get("/")
    request.forum_permission_handler = PermissionHandler()
    template = Template("{% load forum_permission_tags %}{% get_permission '_private' as x %}")

    with pytest.raises(TemplateSyntaxError):
        template.render(Context({"request": request}))


def test_the_permission_tag_answers_through_the_handler(rf: RequestFactory, forum):
    request = rf.get("/")
    request.forum_permission_handler = PermissionHandler()
    request.user = UserFactory()
    template = Template(
        "{% load forum_permission_tags %}"
        "{% get_permission 'can_read_forum' forum request.user as allowed %}{{ allowed }}"
    )

    assert template.render(Context({"request": request, "forum": forum})) == "False"


def test_a_question_that_stops_asking_to_post_first_shows_the_answers(client, course, organizer):
    from tests.factories import WeekPageFactory
    from tests.forum.helpers import topic_url
    from tests.forum.participation_helpers import person, publish, question_topic, reply

    week = WeekPageFactory(
        parent=course,
        questions=[("question", {"text": "What works?", "post_before_seeing_others": True})],
    )
    publish(week, organizer)
    topic = question_topic(week)
    reply(topic, person(course, "ana"), "Mi respuesta independiente.")
    client.force_login(person(course, "louis"))
    assert "Mi respuesta independiente." not in client.get(topic_url(topic)).content.decode()

    week.questions[0].value["post_before_seeing_others"] = False
    publish(week, organizer)

    assert "Mi respuesta independiente." in client.get(topic_url(topic)).content.decode()


def test_an_edited_translation_is_shown_at_once(client, course, forum, organizer):
    from translations.models import PostTranslation
    from translations.pipeline.recording import source_digest

    topic = Topic.objects.filter(forum=forum).first()
    reader = UserFactory()
    enroll(course=course, user=reader, role=Role.PARTICIPANT)
    post = Post.objects.create(
        topic=topic, poster=organizer, subject="Re", content="Hola a todos.", approved=True
    )
    from translations.models import PostLanguage

    PostLanguage.objects.update_or_create(post=post, defaults={"language": "es"})
    row, _ = PostTranslation.objects.update_or_create(
        post=post,
        language="en",
        defaults={
            "source_language": "es",
            "source_digest": source_digest(post.subject, post.content.raw),
            "status": PostTranslation.Status.DONE,
            "content": "Hello all.",
            "content_rendered": "<p>Hello all.</p>",
        },
    )
    client.force_login(reader)
    url = f"/forum/forum/{forum.slug}-{forum.pk}/topic/{topic.slug}-{topic.pk}/"
    assert "Hello all." in client.get(url).content.decode()

    PostTranslation.objects.filter(pk=row.pk).update(content_rendered="<p>Hello everyone.</p>")

    html = client.get(url).content.decode()
    assert "Hello everyone." in html
    assert "Hello all." not in html


def test_a_members_permissions_on_a_forum_are_computed_once_then_forgotten_on_a_change(
    course, forum, monkeypatch
):
    """A topic or week page asks machina's checker what the reader may do in its forum (two
    queries over the permission rows): kept between requests, forgotten with the grants."""
    from machina.apps.forum_permission.checker import ForumPermissionChecker

    reader = UserFactory()
    enroll(course=course, user=reader, role=Role.PARTICIPANT)
    assert PermissionHandler()._get_checker(reader).has_perm("can_read_forum", forum)  # a request
    computed = []
    compute = ForumPermissionChecker.get_perms_for_forumlist

    def counting(self, forums, perm_codenames=None):
        computed.append([f.pk for f in forums])
        return compute(self, forums, perm_codenames)

    monkeypatch.setattr(ForumPermissionChecker, "get_perms_for_forumlist", counting)
    handler = PermissionHandler()  # a new request's
    assert handler._get_checker(reader).has_perm("can_read_forum", forum)
    assert handler._get_checker(reader).has_perm("can_reply_to_topics", forum)
    assert computed == []

    withdraw(course=course, user=reader)

    assert not PermissionHandler()._get_checker(reader).has_perm("can_read_forum", forum)
    assert computed == [[forum.pk]]


def _fresh(user):
    """The user as the next request loads it (no per-object permission cache)."""
    return type(user).objects.get(pk=user.pk)


def _kept_has_perm(user, permission: str) -> bool:
    from members.kept_permissions import kept_permissions

    fresh = _fresh(user)
    kept_permissions(fresh)
    return fresh.has_perm(permission)


def test_a_members_permissions_are_read_once_then_kept(django_assert_num_queries):
    from members.kept_permissions import kept_permissions

    user = UserFactory()
    kept_permissions(_fresh(user))  # read and kept
    fresh = _fresh(user)

    with django_assert_num_queries(0):
        kept_permissions(fresh)
        assert not fresh.has_perm("wagtailadmin.access_admin")


@pytest.mark.parametrize("how", ["user", "group", "group permission"])
def test_a_permission_given_or_taken_is_seen_at_once(how):
    from django.contrib.auth.models import Group, Permission

    user = UserFactory()
    admin = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    group = Group.objects.create(name=f"editors-{how}")
    assert not _kept_has_perm(user, "wagtailadmin.access_admin")

    if how == "user":
        user.user_permissions.add(admin)
    elif how == "group":
        group.permissions.add(admin)
        assert not _kept_has_perm(user, "wagtailadmin.access_admin")
        user.groups.add(group)
    else:
        user.groups.add(group)
        assert not _kept_has_perm(user, "wagtailadmin.access_admin")
        group.permissions.add(admin)
    assert _kept_has_perm(user, "wagtailadmin.access_admin")

    user.user_permissions.clear()
    group.permissions.clear()
    assert not _kept_has_perm(user, "wagtailadmin.access_admin")


def test_a_page_asks_no_permission_query_once_they_are_kept(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    user = UserFactory()
    client.force_login(user)
    client.get("/forum/")

    with CaptureQueriesContext(connection) as queries:
        assert client.get("/forum/").status_code == 200

    assert not [query for query in queries if "auth_permission" in query["sql"]]


def test_a_member_made_superuser_or_inactive_is_seen_at_once():
    user = UserFactory()
    assert not _kept_has_perm(user, "wagtailadmin.access_admin")

    user.is_superuser = True
    user.save()
    assert _kept_has_perm(user, "wagtailadmin.access_admin")

    user.is_superuser, user.is_active = False, False
    user.save()
    assert not _kept_has_perm(user, "wagtailadmin.access_admin")


def test_signing_up_or_in_keeps_the_others_permissions(django_assert_num_queries):
    from members.kept_permissions import kept_permissions

    user = UserFactory()
    kept_permissions(_fresh(user))
    UserFactory()  # another member signs up
    user.save(update_fields=["last_login"])  # a sign-in
    fresh = _fresh(user)

    with django_assert_num_queries(0):
        kept_permissions(fresh)


def test_a_members_enrollments_in_a_course_are_read_once(course, week, django_assert_num_queries):
    from courses.enrollment import course_enrollments

    user = UserFactory()
    enroll(course=course, user=user, role=Role.KEY_RESPONDENT, week=week)
    assert course_enrollments(user, course) == ((Role.KEY_RESPONDENT, week.pk, ""),)

    with django_assert_num_queries(0):
        assert course_enrollments(user, course) == ((Role.KEY_RESPONDENT, week.pk, ""),)
        assert course_roles(user, course) == {Role.KEY_RESPONDENT}


def test_a_key_respondent_moved_to_another_week_answers_there_at_once(course, week):
    from forum.questions import is_week_key_respondent
    from tests.factories import WeekPageFactory

    other_week = WeekPageFactory(parent=course)
    user = UserFactory()
    enroll(course=course, user=user, role=Role.KEY_RESPONDENT, week=week)
    assert is_week_key_respondent(user, week)
    assert not is_week_key_respondent(user, other_week)

    enroll(course=course, user=user, role=Role.KEY_RESPONDENT, week=other_week)

    assert not is_week_key_respondent(user, week)
    assert is_week_key_respondent(user, other_week)


def test_a_harvester_who_leaves_after_the_course_stops_harvesting_at_once(course):
    from courses.enrollment import choose_after_course
    from courses.models import AfterCourse
    from proceedings.harvest import may_harvest

    user = UserFactory()
    enroll(course=course, user=user, role=Role.ORGANIZER)
    assert may_harvest(user, course)

    choose_after_course(course=course, user=user, choice=AfterCourse.LEAVE)

    assert not may_harvest(user, course)


def test_an_enrollment_change_is_forgotten_again_once_committed(
    course, django_capture_on_commit_callbacks
):
    """A read between the change and its commit (another process) kept the rows as they
    were: the commit forgets them again."""
    from django.core.cache import cache

    from courses.enrollment import roles_cache_key

    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        enroll(course=course, user=user, role=Role.PARTICIPANT)
        cache.set(roles_cache_key(course.pk, user.pk), [], 600)  # read before the commit

    assert course_roles(user, course) == {Role.PARTICIPANT}


def test_a_reader_who_moderates_nothing_reads_no_forum_for_the_queue(
    forum, django_assert_num_queries
):
    user = UserFactory()
    assert not PermissionHandler().can_access_moderation_queue(user)  # computed and kept

    with django_assert_num_queries(0):
        assert not PermissionHandler().can_access_moderation_queue(user)


def test_being_a_site_moderator_is_kept_then_seen_at_once_when_it_changes(
    shared_file_cache, django_assert_num_queries
):
    from members.moderators import is_site_moderator, site_moderators_group

    user = UserFactory()
    group = site_moderators_group()
    assert not is_site_moderator(user)
    with django_assert_num_queries(0):
        assert not is_site_moderator(user)

    user.groups.add(group)
    assert is_site_moderator(user)

    group.user_set.remove(user)
    assert not is_site_moderator(user)
