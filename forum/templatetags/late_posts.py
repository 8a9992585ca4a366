"""The "late" label organizers see on posts made after their week closed."""

from __future__ import annotations

from django import template

from courses.enrollment import course_roles
from courses.models import Role

from ..progress import is_late
from ..questions import week_of_forum

register = template.Library()


@register.simple_tag(takes_context=True)
def mark_late_posts(context, posts, forum) -> str:
    """Sets `post.is_late` on each post of a week's forum, for its organizers only."""
    posts = list(posts)
    for post in posts:
        post.is_late = False
    user = context["request"].user
    week = week_of_forum(forum.pk)
    if week is None or not user.is_authenticated:
        return ""
    course = week.course
    if not user.is_superuser and (
        course is None or Role.ORGANIZER not in course_roles(user, course)
    ):
        return ""
    for post in posts:
        post.is_late = is_late(post, week)
    return ""
