"""What the communities' pages list, in the reader's language and within their rights:
themes and territory names, the latest topics of a community's forum (machina's read
grants decide), the topics shared with it (bridges) and the communities it is bridged
with."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, QuerySet
from django.urls import reverse
from machina.core.db.models import get_model

from courses.vocabulary_texts import shown_terms
from forum.models import CommunityOfPractice
from forum.permission_handler import PermissionHandler
from taxonomy.models import Region, Theme
from translations.display import reader_languages, shown_posts

from .models import SharedTopic

Forum: Any = get_model("forum", "Forum")
Topic: Any = get_model("forum_conversation", "Topic")

LATEST_TOPICS = 10


def topic_url(topic: Any) -> str:
    return reverse(
        "forum_conversation:topic",
        kwargs={
            "forum_slug": topic.forum.slug,
            "forum_pk": topic.forum_id,
            "slug": topic.slug,
            "pk": topic.pk,
        },
    )


def readable_forum_ids(user: Any) -> set[int]:
    return {
        forum.pk for forum in PermissionHandler().get_readable_forums(Forum.objects.all(), user)
    }


def with_counts(communities: QuerySet[CommunityOfPractice]) -> QuerySet[CommunityOfPractice]:
    return (
        communities.annotate(member_count=Count("members", distinct=True))
        .prefetch_related("themes")
        .select_related("region")
    )


def name_terms(communities: list[CommunityOfPractice], language: str) -> None:
    """Set each community's `theme_names` and `region_name` in the reader's language."""
    terms: list[Theme | Region] = []
    for community in communities:
        terms += list(community.themes.all())
        if community.region is not None:
            terms.append(community.region)
    unique = list({(type(term).__name__, term.pk): term for term in terms}.values())
    names = {
        (name.kind, name.term.pk): name.name
        for name in shown_terms(unique, language=language, reads={language})
    }
    for community in communities:
        community.theme_names = [  # type: ignore[attr-defined]
            names[("theme", theme.pk)] for theme in community.themes.all()
        ]
        community.region_name = (  # type: ignore[attr-defined]
            names[("region", community.region.pk)] if community.region is not None else ""
        )


@dataclass
class ListedTopic:
    subject: str
    url: str
    language: str = ""
    #: Shared from a community the reader may not read: no subject, no link to it.
    hidden: bool = False
    from_community: CommunityOfPractice | None = None


def _subjects(topics: list[Any], user: Any, interface_language: str) -> list[ListedTopic]:
    language, reads = reader_languages(user, interface_language)
    firsts = [topic.first_post for topic in topics if topic.first_post is not None]
    shown = {
        item.post.topic_id: item for item in shown_posts(firsts, language=language, reads=reads)
    }
    listed = []
    for topic in topics:
        item = shown.get(topic.pk)
        if item is not None and item.has_translation:
            listed.append(ListedTopic(item.translated_subject, topic_url(topic), item.target))
        else:
            written = item.language if item is not None else ""
            listed.append(ListedTopic(topic.subject, topic_url(topic), written or ""))
    return listed


def latest_topics(
    community: CommunityOfPractice, user: Any, interface_language: str
) -> list[ListedTopic]:
    """The newest topics of its forum, if the reader may read it (none for others)."""
    if community.forum_id is None or community.forum_id not in readable_forum_ids(user):
        return []
    topics = list(
        Topic.objects.filter(forum_id=community.forum_id, approved=True)
        .select_related("forum", "first_post")
        .order_by("-last_post_on", "-pk")[:LATEST_TOPICS]
    )
    return _subjects(topics, user, interface_language)


def shared_topics(
    community: CommunityOfPractice, user: Any, interface_language: str
) -> list[ListedTopic]:
    """Topics shared with the community. A reader who may not read the original sees only
    that a topic was shared from its community (no subject, no link); a visitor who is not
    signed in sees none."""
    if not (user.is_authenticated and user.is_active):
        return []
    shares = list(
        SharedTopic.objects.filter(to_community=community, topic__approved=True)
        .select_related("topic__forum", "topic__first_post", "from_community")
        .order_by("-created")
    )
    readable = readable_forum_ids(user)
    open_ones = [share.topic for share in shares if share.topic.forum_id in readable]
    listed = {item.url: item for item in _subjects(open_ones, user, interface_language)}
    found = []
    for share in shares:
        if share.topic.forum_id in readable:
            item = listed[topic_url(share.topic)]
            item.from_community = share.from_community
            found.append(item)
        else:
            found.append(ListedTopic("", "", hidden=True, from_community=share.from_community))
    return found


def bridged_communities(community: CommunityOfPractice) -> list[CommunityOfPractice]:
    """The approved communities it shared topics with or received topics from."""
    ids = set(
        SharedTopic.objects.filter(from_community=community).values_list(
            "to_community_id", flat=True
        )
    ) | set(
        SharedTopic.objects.filter(to_community=community).values_list(
            "from_community_id", flat=True
        )
    )
    return list(
        CommunityOfPractice.objects.filter(
            pk__in=ids, status=CommunityOfPractice.Status.APPROVED
        ).order_by("name")
    )
