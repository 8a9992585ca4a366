"""Weekly responses: a member's progress, the organizers' matrix and per-language figures.

A "response" is any approved post by the member in a week's forum, other than the pinned
question posts themselves. A response is "late" when it was made after its week closed (a
week's late allowance or a member's extension let it in, see `forum.permissions`).

A reply "crosses languages" when its language differs from the
language of its topic's first post (the post that opened the conversation).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from django.contrib.auth.models import User
from django.db.models import Count, F, Q, Window
from django.db.models.functions import RowNumber
from django.utils import timezone
from machina.core.db.models import get_model

from courses.models import CoursePage, Enrollment, Role, WeekPage, WeekState
from members.models import Profile
from translations.models import PostLanguage

from .discussion import post_url
from .models import QuestionTopic, WeekForum

Post: Any = get_model("forum_conversation", "Post")


def week_forums(course: CoursePage) -> list[tuple[WeekPage, int | None]]:
    """The course's live weeks, in order, with the id of their forum (None if unmirrored)."""
    weeks = list(course.weeks())
    forums = dict(
        WeekForum.objects.filter(week__in=weeks, hidden=False).values_list("week_id", "forum_id")
    )
    return [(week, forums.get(week.pk)) for week in weeks]


def responses(forum_ids):
    """Approved posts in these forums, not counting the pinned question posts."""
    question_posts = QuestionTopic.objects.filter(topic__forum_id__in=forum_ids).values(
        "topic__first_post_id"
    )
    return Post.objects.filter(topic__forum_id__in=forum_ids, approved=True).exclude(
        pk__in=question_posts
    )


def late_since(week: WeekPage) -> dt.datetime:
    """Posts from the day after the week closes (in the site's time zone) on are late."""
    return timezone.make_aware(
        dt.datetime.combine(week.closes_on + dt.timedelta(days=1), dt.time())
    )


def is_late(post, week: WeekPage) -> bool:
    return post.created >= late_since(week)


def late_responses(weeks: list[tuple[WeekPage, int | None]]) -> Q:
    """The condition on posts: made in a week's forum after that week closed."""
    late = Q(pk=None)  # no week: nothing is late
    for week, forum_id in weeks:
        if forum_id:
            late |= Q(topic__forum_id=forum_id, created__gte=late_since(week))
    return late


#: The posts "My progress" links per week (the latest); the others are counted.
SHOWN_POSTS = 5


@dataclass
class WeekProgress:
    week: WeekPage
    #: The member's latest posts in the week (at most SHOWN_POSTS), oldest first.
    posts: list = field(default_factory=list)
    #: All of the member's posts in the week.
    count: int = 0
    #: Filled by the page: the week's texts and its posts in the reader's language.
    texts: Any = None
    shown: list = field(default_factory=list)

    @property
    def responded(self) -> bool:
        return bool(self.count or self.posts)

    @property
    def more(self) -> int:
        """Posts counted but not linked."""
        return max(0, self.count - len(self.posts))

    @cached_property
    def status(self) -> str:
        """ "responded", "missed" (closed without a post), "open" or "upcoming": a missed week
        must read differently from one still to come."""
        if self.responded:
            return "responded"
        state = self.week.state()
        if state == WeekState.CLOSED:
            return "missed"
        return "open" if state == WeekState.OPEN else "upcoming"


def member_progress(
    user: User, course: CoursePage, *, shown: int = SHOWN_POSTS
) -> list[WeekProgress]:
    """For each week: how many posts `user` made, and links to the latest `shown` of them.

    Two queries whatever the number of posts: the counts per forum, and the latest posts
    per forum (ranked in the database)."""
    weeks = week_forums(course)
    forum_ids = [forum_id for _week, forum_id in weeks if forum_id]
    mine = responses(forum_ids).filter(poster=user)
    counts = dict(
        mine.order_by()
        .values_list("topic__forum_id")
        .annotate(posts=Count("pk"))
        .values_list("topic__forum_id", "posts")
    )
    by_forum: dict[int | None, list] = defaultdict(list)  # looked up with unmirrored weeks' None
    latest = (
        mine.annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("topic__forum_id")],
                order_by=[F("created").desc(), F("pk").desc()],
            )
        )
        .filter(rank__lte=shown)
        .select_related("topic", "topic__forum")
        .order_by("created", "pk")
    )
    for post in latest if counts else ():
        post.url = post_url(post.topic.forum, post)
        by_forum[post.topic.forum_id].append(post)
    return [
        WeekProgress(week=week, posts=by_forum.get(forum_id, []), count=counts.get(forum_id, 0))
        for week, forum_id in weeks
    ]


@dataclass
class MatrixRow:
    user: User
    profile: Profile | None
    roles: list[str]
    counts: list[int]
    #: Per week, how many of the counted posts were late.
    late: list[int] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.profile.name if self.profile else self.user.get_username()

    @property
    def cells(self) -> list[tuple[int, int]]:
        """(posts, of which late) per week."""
        return list(zip(self.counts, self.late, strict=True))


def _matching_enrollments(course: CoursePage, role: str, region: str):
    enrollments = Enrollment.objects.filter(course=course)
    if role:
        enrollments = enrollments.filter(role=role)
    if region:
        enrollments = enrollments.filter(user__puentes_profile__region__icontains=region)
    return enrollments


def matrix_members(course: CoursePage, *, role: str = "", region: str = "") -> list[int]:
    """The ids of the members the matrix lists (by login), for a page of them at a time."""
    return list(
        _matching_enrollments(course, role, region)
        .order_by("user__username")
        .values_list("user_id", flat=True)
        .distinct()
    )


def progress_matrix(
    course: CoursePage, *, role: str = "", region: str = "", members: list[int] | None = None
) -> tuple[list[WeekPage], list[MatrixRow]]:
    """Members × weeks: posts per week (0 = not responded). Filters by role and region;
    ``members``: only these (a page of `matrix_members`), else all of them."""
    weeks = week_forums(course)
    enrollments = _matching_enrollments(course, role, region).select_related(
        "user", "user__puentes_profile"
    )
    if members is not None:
        enrollments = enrollments.filter(user_id__in=members)
    people: dict[int, MatrixRow] = {}
    for enrollment in enrollments.order_by("user__username"):
        row = people.get(enrollment.user_id)
        if row is None:
            profile = getattr(enrollment.user, "puentes_profile", None)
            row = people[enrollment.user_id] = MatrixRow(
                enrollment.user, profile, [], [0] * len(weeks), [0] * len(weeks)
            )
        row.roles.append(str(Role(enrollment.role).label))
    column = {forum_id: index for index, (_w, forum_id) in enumerate(weeks) if forum_id}
    counts = (
        responses(list(column))
        .filter(poster_id__in=list(people))
        .values("poster_id", "topic__forum_id")
        .annotate(posts=Count("pk"), late=Count("pk", filter=late_responses(weeks)))
    )
    for row in counts:
        person, index = people[row["poster_id"]], column[row["topic__forum_id"]]
        person.counts[index] = row["posts"]
        person.late[index] = row["late"]
    return [week for week, _f in weeks], list(people.values())


def matrix_csv(weeks: list[WeekPage], rows: list[MatrixRow]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        ["username", "name", "roles", "organisation", "region"]
        + [f"week {week.number}" for week in weeks]
        + ["weeks responded"]
    )
    for row in rows:
        writer.writerow(
            [
                row.user.get_username(),
                row.name,
                "; ".join(row.roles),
                row.profile.organisation if row.profile else "",
                row.profile.region if row.profile else "",
                *row.counts,
                sum(1 for count in row.counts if count),
            ]
        )
    return out.getvalue()


@dataclass
class WeekLanguages:
    week: WeekPage
    posts: Counter
    replies: int = 0
    crossing_replies: int = 0


def language_figures(course: CoursePage) -> list[WeekLanguages]:
    """Per week: posts per language (the pinned questions aside), replies, and replies
    that cross languages: the measure of whether translation bridges the groups."""
    weeks = week_forums(course)
    figures: dict[int | None, WeekLanguages] = {
        forum_id: WeekLanguages(week, Counter()) for week, forum_id in weeks if forum_id
    }
    posts = list(
        Post.objects.filter(topic__forum_id__in=list(figures), approved=True).values_list(
            "pk", "topic__forum_id", "topic__first_post_id"
        )
    )
    language = dict(
        PostLanguage.objects.filter(post_id__in=[pk for pk, _f, _h in posts]).values_list(
            "post_id", "language"
        )
    )
    questions = set(
        QuestionTopic.objects.filter(topic__forum_id__in=list(figures)).values_list(
            "topic__first_post_id", flat=True
        )
    )
    for pk, forum_id, head_id in posts:
        figure = figures[forum_id]
        if pk not in questions:
            figure.posts[language.get(pk, "?")] += 1
        if head_id is not None and pk != head_id:
            figure.replies += 1
            mine, theirs = language.get(pk), language.get(head_id)
            if mine and theirs and mine != theirs:
                figure.crossing_replies += 1
    return [figures.get(forum_id) or WeekLanguages(week, Counter()) for week, forum_id in weeks]
