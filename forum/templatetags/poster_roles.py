"""Role badges beside the authors of a topic page, in two queries for the whole page."""

from __future__ import annotations

from django import template

from courses.enrollment import ROLE_PRECEDENCE
from courses.models import Enrollment, Role

from ..course_of import course_id_of_forum

register = template.Library()

BADGE_ROLES = [Role.ORGANIZER, Role.KEY_RESPONDENT, Role.TRANSLATOR]


@register.simple_tag
def mark_poster_roles(posts, forum) -> str:
    """Sets `post.course_roles` (organizer, key respondent, translator) on each post."""
    posts = list(posts)
    course_id = course_id_of_forum(forum.pk)
    roles: dict[int, set[str]] = {}
    if course_id is not None:
        for user_id, role in Enrollment.objects.filter(
            course_id=course_id,
            user_id__in={post.poster_id for post in posts if post.poster_id},
            role__in=BADGE_ROLES,
        ).values_list("user_id", "role"):
            roles.setdefault(user_id, set()).add(role)
    for post in posts:
        held = roles.get(post.poster_id, set())
        post.course_roles = [Role(role) for role in ROLE_PRECEDENCE if role in held]
    return ""
