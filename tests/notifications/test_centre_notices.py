"""The notification centre: the list, the header count, opening a notice, marking read."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from notifications.models import Event, Notice
from tests.forum.helpers import grant, member, topic_url
from tests.translations.course_posts import course_post
from tests.translations.pipeline_helpers import CountingEngine
from translations import pipeline

pytestmark = pytest.mark.django_db

CENTRE = "/notifications/"


def spanish_reply(forum):
    author = member("es")
    author.puentes_profile.display_name = "Ana Pérez"
    author.puentes_profile.save()
    grant(author, forum)
    return course_post(
        forum,
        author,
        content="Las cooperativas necesitan crédito.",
        language="es",
        subject="Las cooperativas",
    )


def reader_of(forum):
    reader = member("en")
    grant(reader, forum)
    return reader


def test_the_centre_needs_a_sign_in(client):
    response = client.get(CENTRE)
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_the_centre_lists_notices_newest_first_translated_and_labelled(client, forum):
    post = spanish_reply(forum)
    pipeline.translate_pending(post.pk, engine=CountingEngine())
    reader = reader_of(forum)
    older = Notice.objects.create(recipient=reader, event=Event.WEEK_OPENS, page=forum_week(forum))
    Notice.objects.filter(pk=older.pk).update(
        created_at=timezone.now() - timezone.timedelta(days=1)
    )
    newer = Notice.objects.create(recipient=reader, event=Event.REPLY, actor=post.poster, post=post)
    client.force_login(reader)

    html = client.get(CENTRE).content.decode()

    assert "Ana Pérez replied to your post" in html
    assert "Machine-translated from Spanish" in html
    assert "Las cooperativas necesitan" not in html  # the English translation, not the original
    assert html.index(f'data-notice="{newer.pk}"') < html.index(f'data-notice="{older.pk}"')
    assert html.count("notification--unread") == 2
    assert reverse("notifications:open", args=[newer.pk]) in html


def forum_week(forum):
    from forum.models import WeekForum

    return WeekForum.objects.get(forum=forum).week


def test_the_header_shows_the_unread_count(client, forum):
    reader = reader_of(forum)
    for _ in range(3):
        Notice.objects.create(recipient=reader, event=Event.MENTION, post=spanish_reply(forum))
    Notice.objects.create(recipient=reader, event=Event.ALERT, read_at=timezone.now())
    client.force_login(reader)

    html = client.get(CENTRE).content.decode()

    link = re.search(r'<a class="site-account__notices"[^>]*>(.*?)</a>', html, re.S)
    assert link is not None
    text = re.sub(r"<[^>]+>", "", link.group(1))
    assert text == "Notifications (3 unread)"
    assert 'data-unread-count="3"' in html


def test_opening_a_notice_marks_it_read_and_leads_to_the_exact_post(client, forum):
    post = spanish_reply(forum)
    reader = reader_of(forum)
    notice = Notice.objects.create(recipient=reader, event=Event.REPLY, post=post)
    client.force_login(reader)

    response = client.get(reverse("notifications:open", args=[notice.pk]))

    assert response.status_code == 302
    assert response["Location"] == f"{topic_url(post.topic)}?post={post.pk}#{post.pk}"
    notice.refresh_from_db()
    assert notice.read_at is not None
    html = client.get(CENTRE).content.decode()
    assert "data-unread-count" not in html


def test_another_members_notice_is_not_found(client, forum):
    post = spanish_reply(forum)
    owner = reader_of(forum)
    notice = Notice.objects.create(recipient=owner, event=Event.REPLY, post=post)
    client.force_login(reader_of(forum))

    assert client.get(reverse("notifications:open", args=[notice.pk])).status_code == 404
    notice.refresh_from_db()
    assert notice.read_at is None
    assert f'data-notice="{notice.pk}"' not in client.get(CENTRE).content.decode()


@pytest.mark.parametrize(
    "url", ["https://evil.example/phish", "//evil.example/x", "javascript:alert(1)"]
)
def test_a_notice_never_leads_off_the_site(client, url):
    reader = member("en")
    notice = Notice.objects.create(recipient=reader, event=Event.ALERT, url=url)
    client.force_login(reader)

    response = client.get(reverse("notifications:open", args=[notice.pk]))

    assert response.status_code == 302
    assert response["Location"] == CENTRE


def test_a_local_url_is_followed(client):
    reader = member("en")
    notice = Notice.objects.create(
        recipient=reader, event=Event.APPLICATION, url="/admin/applications/"
    )
    client.force_login(reader)

    response = client.get(reverse("notifications:open", args=[notice.pk]))

    assert response["Location"] == "/admin/applications/"


def test_mark_all_as_read_is_a_post_and_only_touches_ones_own(client):
    reader, other = member("en"), member("en")
    mine = [Notice.objects.create(recipient=reader, event=Event.ALERT) for _ in range(2)]
    theirs = Notice.objects.create(recipient=other, event=Event.ALERT)
    client.force_login(reader)

    assert client.get(reverse("notifications:mark_all_read")).status_code == 405
    response = client.post(reverse("notifications:mark_all_read"))

    assert response.status_code == 302
    assert all(Notice.objects.get(pk=n.pk).read_at for n in mine)
    assert Notice.objects.get(pk=theirs.pk).read_at is None


def test_the_centre_is_paginated(client):
    reader = member("en")
    Notice.objects.bulk_create([Notice(recipient=reader, event=Event.ALERT) for _ in range(25)])
    client.force_login(reader)

    first = client.get(CENTRE).content.decode()
    second = client.get(CENTRE + "?page=2").content.decode()

    assert first.count('class="notification ') == 20
    assert second.count('class="notification ') == 5
    assert 'rel="next"' in first
    assert 'rel="prev"' in second


def test_the_centre_takes_a_bounded_number_of_queries(client, forum, django_assert_max_num_queries):
    reader = reader_of(forum)
    for _ in range(3):
        Notice.objects.create(recipient=reader, event=Event.NEW_POST, post=spanish_reply(forum))
    client.force_login(reader)
    client.get(CENTRE)  # warm the caches (site root paths, content types)
    with django_assert_max_num_queries(40) as few:
        client.get(CENTRE)
    count = len(few.captured_queries)
    for _ in range(10):
        Notice.objects.create(recipient=reader, event=Event.NEW_POST, post=spanish_reply(forum))
    # Warm again: each new poster's groups changed, which drops every cached forum grant.
    client.get(CENTRE)
    with django_assert_max_num_queries(count):
        client.get(CENTRE)


def test_the_centre_is_in_spanish_for_a_spanish_interface(client, forum, compiled_catalogs):
    reader = member("es")
    grant(reader, forum)
    Notice.objects.create(recipient=reader, event=Event.WEEK_OPENS, page=forum_week(forum))
    client.force_login(reader)

    html = client.get(CENTRE).content.decode()

    assert "Notificaciones" in html
    assert "Marcar todo como leído" in html
    assert "Empieza una nueva semana" in html


def test_a_post_no_longer_readable_is_neither_quoted_nor_linked(client, forum):
    from courses.enrollment import withdraw
    from forum.course_of import course_of_forum

    post = spanish_reply(forum)
    reader = reader_of(forum)
    notice = Notice.objects.create(recipient=reader, event=Event.REPLY, post=post)
    withdraw(course=course_of_forum(forum.pk), user=reader)
    client.force_login(reader)

    html = client.get(CENTRE).content.decode()
    response = client.get(reverse("notifications:open", args=[notice.pk]))

    assert f'data-notice="{notice.pk}"' in html
    assert "Las cooperativas" not in html
    assert response["Location"] == CENTRE


def test_a_notice_of_the_last_minute_reads_just_now_not_zero_minutes(client):
    reader = member("en")
    Notice.objects.create(recipient=reader, event=Event.APPLICATION_RECEIVED)
    older = Notice.objects.create(recipient=reader, event=Event.APPLICATION_RECEIVED)
    Notice.objects.filter(pk=older.pk).update(created_at=timezone.now() - timedelta(minutes=5))
    client.force_login(reader)

    html = client.get(CENTRE).content.decode()

    times = re.findall(r"<time [^>]*>([^<]*)</time>", html)
    assert [text.replace("\xa0", " ") for text in times] == ["just now", "5 minutes ago"], times
    assert "0 minutes" not in html
