"""Who may be told of a post or page: the same checks the site makes before showing it.

`may_read` is the one privacy check of notifications (`events.notify` applies it, through
`readers`, when a notice is made; the outbox again when its email is sent): approved posts
only, machina's read rights on the post's forum (`forum.permission_handler`), "post before
you see the others" (`forum.independent`), private communities, members who withdrew or
left after the course; pages live, under no unpublished page and no view restriction that
refuses the reader, in a course they belong to (its organizers also read a page under
review).

`readers` answers for many people at once (a forum's 300 followers): machina's answer
depends only on a person's groups, their own permission rows and whether they are a
superuser, so it is asked once per distinct set of those, not once per person.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.http import HttpRequest
from machina.core.db.models import get_model
from wagtail.models import Page

from courses.identity import course_of_page
from courses.models import CoursePage, Enrollment, Role
from forum.course_of import course_of_forum
from forum.independent import hidden_topics, post_first_topics
from forum.models import CommunityOfPractice
from forum.permission_handler import FreshPermissionHandler
from forum.permissions import staying_enrollments

Forum: Any = get_model("forum", "Forum")
UserForumPermission: Any = get_model("forum_permission", "UserForumPermission")


def may_read(user: User | AnonymousUser | None, *, post=None, page: Page | None = None) -> bool:
    """Whether `user` may read the post or page a notice is about."""
    if user is None or not isinstance(user, User):
        return False
    return bool(readers([user], post=post, page=page))


def readers(users: Iterable[User], *, post=None, page: Page | None = None) -> list[User]:
    """Those of `users` who may read the post and the page (either may be None), in order."""
    people = [user for user in users if user.is_authenticated and user.is_active]
    if people and post is not None:
        people = _post_readers(people, post)
    if people and page is not None:
        people = _page_readers(people, page)
    return people


def _staying(people: list[User], course: CoursePage | None) -> list[User]:
    """Course content is told to the course's members who stay: not to one who withdrew or
    left after the course, even where a public course lets outsiders read it."""
    if course is None:
        return people
    members = set(
        staying_enrollments(course)
        .filter(user__in=[person.pk for person in people])
        .values_list("user_id", flat=True)
    )
    return [person for person in people if person.is_superuser or person.pk in members]


# ---------------------------------------------------------------------------
# Posts: what the topic page would show them
# ---------------------------------------------------------------------------
def _post_readers(people: list[User], post) -> list[User]:
    if not type(post).objects.filter(pk=post.pk, approved=True).exists():
        return []
    forum_id = post.topic.forum_id
    people = _staying(people, course_of_forum(forum_id))
    # Members only, but in an open community (any signed-in member reads it: machina's
    # grants below decide).
    community = CommunityOfPractice.objects.filter(forum_id=forum_id).first()
    if community is not None and not community.is_open and people:
        members = set(community.members.values_list("pk", flat=True))
        people = [person for person in people if person.is_superuser or person.pk in members]
    people = _forum_readers(people, forum_id)
    if people and post_first_topics([post.topic_id]) and post.pk != post.topic.first_post_id:
        # An answer to a "post before you see the others" question: each reader's own case.
        people = [
            person
            for person in people
            if post.topic_id not in hidden_topics([post.topic_id], person)
        ]
    return people


def _forum_readers(people: list[User], forum_id: int) -> list[User]:
    """Those machina lets read the forum (and every forum above it)."""
    ids = [person.pk for person in people]
    groups: dict[int, set[int]] = {pk: set() for pk in ids}
    for user_id, group_id in User.groups.through.objects.filter(user_id__in=ids).values_list(
        "user_id", "group_id"
    ):
        groups[user_id].add(group_id)
    own_rows = set(
        UserForumPermission.objects.filter(user_id__in=ids).values_list("user_id", flat=True)
    )
    answers: dict[Any, bool] = {}
    found = []
    for person in people:
        key = (
            person.pk
            if person.pk in own_rows
            else (person.is_superuser, frozenset(groups[person.pk]))
        )
        if key not in answers:
            readable = FreshPermissionHandler().get_readable_forums(Forum.objects.all(), person)
            answers[key] = forum_id in {forum.pk for forum in readable}
        if answers[key]:
            found.append(person)
    return found


# ---------------------------------------------------------------------------
# Pages: what Wagtail would serve them
# ---------------------------------------------------------------------------
def _page_readers(people: list[User], page: Page) -> list[User]:
    course = course_of_page(page)
    # A page under review is read by those who review it: the course's organizers.
    reviewers = {person.pk for person in people if person.is_superuser}
    if course is not None:
        reviewers |= set(
            Enrollment.objects.filter(
                course=course, role=Role.ORGANIZER, user__in=[person.pk for person in people]
            ).values_list("user_id", flat=True)
        )
    if not page.live or Page.objects.ancestor_of(page).filter(live=False, depth__gt=1).exists():
        # Wagtail serves nothing of an unpublished page or section.
        return [person for person in people if person.pk in reviewers]
    restrictions = list(page.get_view_restrictions())
    allowed = {
        person.pk
        for person in _staying(people, course)
        if all(restriction.accept_request(_request_of(person)) for restriction in restrictions)
    }
    return [person for person in people if person.pk in reviewers or person.pk in allowed]


def _request_of(user: User) -> HttpRequest:
    request = HttpRequest()
    request.user = user
    request.session = {}  # type: ignore[assignment]  # no password given: refused
    return request
