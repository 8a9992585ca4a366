"""Who moderates a community's forum: its hosts and the site's moderators, through
machina's own views; members post but do not moderate."""

from __future__ import annotations

import pytest
from django.urls import reverse
from machina.core.db.models import get_model

pytestmark = pytest.mark.django_db

Topic = get_model("forum_conversation", "Topic")


def lock_url(topic) -> str:
    return reverse(
        "forum_moderation:topic_lock",
        kwargs={"slug": topic.slug, "pk": topic.pk},
    )


@pytest.mark.parametrize(
    ("who", "allowed"),
    [("private_host", True), ("moderator", True), ("private_member", False), ("outsider", False)],
)
def test_hosts_and_site_moderators_lock_topics_of_a_private_community(client, world, who, allowed):
    client.force_login(getattr(world, who))

    response = client.post(lock_url(world.private_topic))

    world.private_topic.refresh_from_db()
    assert world.private_topic.is_locked is allowed
    assert response.status_code in ((302,) if allowed else (403, 302))


def test_a_host_of_one_community_does_not_moderate_another(client, world):
    client.force_login(world.open_host)

    client.post(lock_url(world.private_topic))

    world.private_topic.refresh_from_db()
    assert not world.private_topic.is_locked
