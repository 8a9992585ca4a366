"""The "late" label organizers see on posts made after their week closed."""

from __future__ import annotations

from django import template

from courses.enrollment import course_roles
from courses.models import Role

from ..models import WeekForum
from ..progress import is_late

register = template.Library()


@register.simple_tag(takes_context=True)
def mark_late_posts(context, posts, forum) -> str:
    """Sets `post.is_late` on each post of a week's forum, for its organizers only."""
    posts = list(posts)
    for post in posts:
        post.is_late = False
    user = context["request"].user
    week_forum = WeekForum.objects.filter(forum_id=forum.pk).select_related("week").first()
    if week_forum is None or not user.is_authenticated:
        return ""
    week = week_forum.week
    course = week.course
    if not user.is_superuser and (
        course is None or Role.ORGANIZER not in course_roles(user, course)
    ):
        return ""
    for post in posts:
        post.is_late = is_late(post, week)
    return ""
