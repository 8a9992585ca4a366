"""Alerts by theme and region (Passerelles): a post tagged with a theme a member follows,
or in a region they follow (or within it), reaches them as an ALERT notice, the weakest
event; never the author, never one who may not read the post."""

from __future__ import annotations

import pytest

from forum.communities import create_community
from forum.tags import set_post_tags
from notifications.events import notify
from notifications.models import AlertChoice, Email, EmailChoice, Event, Notice, SubscriptionMode
from notifications.preferences import email_choice, set_forum_mode

from .alert_helpers import follow, region, theme
from .conftest import new_topic, notices_of, post_reply

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def quiet_forum(forum):
    """Nobody follows the week's forum: what reaches a member here is their alert."""
    set_forum_mode(forum, SubscriptionMode.OPTIONAL)


@pytest.fixture
def procurement():
    return theme("public-procurement", "Public procurement")


def test_a_member_following_a_theme_is_alerted_of_a_post_tagged_with_it(
    client, topic, ana, louis, procurement
):
    follow(louis, themes=[procurement])

    post = post_reply(client, ana, topic, "Las compras públicas.", themes=[procurement.pk])

    assert notices_of(louis) == [(Event.ALERT, post.pk, None)]
    assert Notice.objects.get(recipient=louis).data == {
        "themes": [procurement.pk],
        "region": None,
    }


def test_a_post_without_the_theme_alerts_no_one(client, topic, ana, louis, procurement):
    follow(louis, themes=[procurement])
    other = theme("research", "Research and measurement")

    post_reply(client, ana, topic, "Sin etiqueta.")
    post_reply(client, ana, topic, "Otra etiqueta.", themes=[other.pk])

    assert notices_of(louis) == []


def test_a_region_and_the_regions_it_lies_within_match(client, topic, ana, louis, lucia):
    canada = region("canada", "Canada")
    quebec = region("quebec", "Quebec", parent=canada)
    bolivia = region("bolivia", "Bolivia")
    follow(louis, regions=[canada])
    follow(lucia, regions=[bolivia])

    post = post_reply(client, ana, topic, "En Quebec.", region=quebec.pk)

    assert notices_of(louis) == [(Event.ALERT, post.pk, None)]
    assert notices_of(lucia) == []


def test_following_a_region_within_does_not_match_the_larger_one(client, topic, ana, louis):
    canada = region("canada", "Canada")
    quebec = region("quebec", "Quebec", parent=canada)
    follow(louis, regions=[quebec])

    post_reply(client, ana, topic, "En Canadá.", region=canada.pk)

    assert notices_of(louis) == []


def test_a_private_community_post_tagged_with_a_theme_reaches_no_one_outside_it(
    course, organizer, ana, louis, procurement
):
    community = create_community(course=course, name="Finanzas", members=[ana, organizer])
    community.refresh_from_db()
    follow(louis, themes=[procurement])
    follow(organizer, themes=[procurement])

    post = new_topic(community.forum, ana, "Solo para el grupo.")
    set_post_tags(post, [procurement], None)

    assert notices_of(louis) == []
    assert not Email.objects.filter(recipient=louis).exists()
    assert notices_of(organizer) == [(Event.ALERT, post.pk, None)]


def test_a_communitys_themes_tag_its_posts(course, organizer, ana, procurement):
    community = create_community(course=course, name="Compras", members=[ana, organizer])
    community.refresh_from_db()
    community.themes.set([procurement])
    follow(organizer, themes=[procurement])

    post = new_topic(community.forum, ana, "Un tema del grupo.")

    assert notices_of(organizer) == [(Event.ALERT, post.pk, None)]


def test_the_author_is_not_alerted_of_their_own_post(client, topic, ana, procurement):
    follow(ana, themes=[procurement])

    post_reply(client, ana, topic, "Mi propio tema.", themes=[procurement.pk])

    assert notices_of(ana) == []


def test_an_alert_gives_way_to_a_stronger_event_for_the_same_post(
    client, topic, ana, louis, procurement
):
    follow(louis, themes=[procurement])
    topic.subscribers.add(louis)  # louis follows the topic: a new post there is told anyway

    post = post_reply(client, ana, topic, "Compras públicas.", themes=[procurement.pk])

    assert notices_of(louis) == [(Event.NEW_POST, post.pk, None)]


def test_a_stronger_event_takes_over_an_alert(client, topic, ana, louis, procurement):
    follow(louis, themes=[procurement])
    post = post_reply(client, ana, topic, "Compras públicas.", themes=[procurement.pk])

    notify(Event.MENTION, [louis], post=post, actor=ana)

    assert notices_of(louis) == [(Event.MENTION, post.pk, None)]


def test_tags_set_again_tell_no_one_twice(client, topic, ana, louis, procurement):
    follow(louis, themes=[procurement])
    post = post_reply(client, ana, topic, "Compras públicas.", themes=[procurement.pk])

    set_post_tags(post, [procurement, theme("research")], region("bolivia"))

    assert notices_of(louis) == [(Event.ALERT, post.pk, None)]


def test_a_post_approved_later_alerts_then(topic, ana, louis, procurement):
    follow(louis, themes=[procurement])
    post = new_topic(topic.forum, ana, "En espera de un moderador.", approved=False)
    set_post_tags(post, [procurement], None)
    assert notices_of(louis) == []

    post.approved = True
    post.save()

    assert notices_of(louis) == [(Event.ALERT, post.pk, None)]


# -- how the alert reaches the member -------------------------------------------------------
def test_alerts_by_email_go_through_the_outbox(client, topic, ana, louis, procurement):
    follow(louis, themes=[procurement], alerts=AlertChoice.EMAIL, email=EmailChoice.DAILY)

    post = post_reply(client, ana, topic, "Compras públicas.", themes=[procurement.pk])

    notice = Notice.objects.get(recipient=louis, post=post)
    assert Email.objects.filter(recipient=louis, notice=notice, key=f"notice:{notice.pk}").exists()


def test_alerts_by_default_wait_for_the_digest_or_stay_on_the_site(
    client, topic, ana, louis, lucia, procurement
):
    follow(louis, themes=[procurement], email=EmailChoice.DAILY)
    follow(lucia, themes=[procurement])  # an email for each other notice, alerts on the site

    post_reply(client, ana, topic, "Compras públicas.", themes=[procurement.pk])

    assert Notice.objects.filter(recipient__in=[louis, lucia], event=Event.ALERT).count() == 2
    assert not Email.objects.filter(recipient__in=[louis, lucia]).exists()
    assert email_choice(louis, Event.ALERT) == EmailChoice.DAILY
    assert email_choice(lucia, Event.ALERT) == EmailChoice.NONE
    assert email_choice(lucia, Event.REPLY) == EmailChoice.EACH
