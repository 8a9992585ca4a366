"""bench/notifications.py's query bound: a post's save costs the same SQL queries whether
its topic has a few followers or many (settings read and emails queued for all at once)."""

from __future__ import annotations

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from notifications.models import Email, EmailChoice, Notice, NotificationSettings
from tests.forum.participation_helpers import person

from .conftest import new_topic, reply


def save_queries(course, forum, followers: int, tag: str) -> int:
    """Queries of a reply's save in a topic that ``followers`` members follow."""
    author = person(course, f"author_{tag}", language="es")
    topic = new_topic(forum, author, "Abrimos el tema.").topic
    people = [
        person(course, f"{tag}_{index}", language=("en", "fr", "es")[index % 3])
        for index in range(followers)
    ]
    for index, member in enumerate(people):
        member.email = f"{member.username}@example.org"
        member.save()
        if index % 2:  # half of them with saved settings (a daily digest)
            NotificationSettings.objects.create(user=member, email=EmailChoice.DAILY)
    topic.subscribers.add(*people)
    replier = person(course, f"replier_{tag}", language="es")
    with CaptureQueriesContext(connection) as queries, transaction.atomic():
        post = reply(topic, replier, "Nosotros también.", language="es")
    told = Notice.objects.filter(post=post).count()
    emailed = Email.objects.filter(notice__post=post).count()
    assert told == followers + 1  # and the topic's author, told of a reply
    assert emailed == told - followers // 2  # those on a digest get no email each
    return len(queries.captured_queries)


@pytest.mark.django_db
def test_a_posts_save_costs_the_same_queries_for_3_or_15_followers(course, forum):
    assert save_queries(course, forum, 3, "few") == save_queries(course, forum, 15, "many")
