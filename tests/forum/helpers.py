"""Members and machina permissions for the forum tests."""

from __future__ import annotations

from django.urls import reverse
from machina.core.db.models import get_model
from machina.test.factories import UserFactory

from members.profiles import get_profile

ForumPermission = get_model("forum_permission", "ForumPermission")
UserForumPermission = get_model("forum_permission", "UserForumPermission")
GroupForumPermission = get_model("forum_permission", "GroupForumPermission")

MEMBER_PERMISSIONS = [
    "can_see_forum",
    "can_read_forum",
    "can_start_new_topics",
    "can_reply_to_topics",
    "can_edit_own_posts",
    "can_post_without_approval",
]


def grant(user, forum):
    for codename in MEMBER_PERMISSIONS:
        UserForumPermission.objects.create(
            permission=ForumPermission.objects.get(codename=codename),
            forum=forum,
            user=user,
            has_perm=True,
        )


def member(language: str, reads: list[str] | None = None):
    user = UserFactory()
    profile = get_profile(user)
    profile.preferred_language = language
    profile.reads_languages = reads or []
    profile.save()
    return user


def topic_url(topic) -> str:
    return reverse(
        "forum_conversation:topic",
        kwargs={
            "forum_slug": topic.forum.slug,
            "forum_pk": topic.forum.pk,
            "slug": topic.slug,
            "pk": topic.pk,
        },
    )


def row(post, language="es"):
    """The post's translation into ``language``."""
    from translations.models import PostTranslation

    return PostTranslation.objects.get(post=post, language=language)
