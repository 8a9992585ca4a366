"""The demo's communities outside the course (cms.demo.communities), loaded on the demo
cohort: two open ones and a private one, a topic in each, one bridge; a second run
creates nothing."""

from __future__ import annotations

import pytest
from django.apps import apps

from cms.demo.communities import load_communities
from cms.demo.course import load_cohort
from forum.models import CommunityOfPractice
from notifications.privacy import readers

pytestmark = pytest.mark.django_db

COUNTED = [
    "cohort_forum.CommunityOfPractice",
    "communities.Invitation",
    "communities.SharedTopic",
    "forum_conversation.Topic",
    "forum_conversation.Post",
    "forum_permission.GroupForumPermission",
    "forum_permission.UserForumPermission",
]


def counts() -> dict[str, int]:
    return {label: apps.get_model(label).objects.count() for label in COUNTED}


def test_the_demo_communities_load_once_and_keep_the_private_one_private():
    people = load_cohort().people

    created = load_communities(people)
    before = counts()
    again = load_communities(people)

    assert again == []
    assert counts() == before
    assert len([line for line in created if line.startswith("a topic shared")]) == 1
    private = CommunityOfPractice.objects.get(course=None, access="private")
    post = private.forum.topics.get().first_post
    told = readers(people.values(), post=post)
    assert {person.username for person in told} <= {
        "respondent-en",
        "participant-en",
        "respondent-es",
    }
    assert "participant-fr" not in {person.username for person in told}
