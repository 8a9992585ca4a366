"""Members' choices: defaults that need no configuring, Moodle's four forum modes, the
preferences page, the forum's Subscribe button and the organizers' modes screen."""

from __future__ import annotations

import pytest
from django.urls import reverse
from machina.test.factories import UserFactory, create_topic

from courses.enrollment import enroll
from courses.models import Role
from forum.course_of import course_of_forum
from notifications.models import (
    EmailChoice,
    Event,
    ForumMode,
    ForumSubscription,
    NotificationSettings,
    SubscriptionMode,
)
from notifications.preferences import (
    email_choice,
    follows_forum,
    forum_followers,
    forum_mode,
    settings_for,
)
from tests.factories import WeekPageFactory
from tests.forum.helpers import course_forum, grant, member
from tests.translations.course_posts import week_forum

pytestmark = pytest.mark.django_db

PREFERENCES = "/notifications/preferences/"


def set_mode(forum, mode):
    ForumMode.objects.update_or_create(forum=forum, defaults={"mode": mode})


# ---------------------------------------------------------------------------
# Defaults
# ---------------------------------------------------------------------------
def test_a_new_participant_gets_an_email_for_each_notice_without_configuring():
    user = member("en")

    settings = settings_for(user)

    assert settings.pk is None
    assert settings.email == EmailChoice.EACH
    for event in (
        Event.ANSWER,
        Event.QUESTION,
        Event.MENTION,
        Event.REPLY,
        Event.WEEK_OPENS,
        Event.WEEK_CLOSING,
        Event.CASE_STUDY,
        Event.APPLICATION_RECEIVED,
        Event.NEW_POST,
    ):
        assert email_choice(user, event) == EmailChoice.EACH
    # The decision has its own email (courses.applications): the notice adds none.
    assert email_choice(user, Event.APPLICATION_DECIDED) == EmailChoice.NONE


def test_a_saved_choice_applies_and_no_address_means_no_email():
    user = member("en")
    NotificationSettings.objects.create(user=user, email=EmailChoice.DAILY)
    assert email_choice(user, Event.NEW_POST) == EmailChoice.DAILY
    assert email_choice(user, Event.ANSWER) == EmailChoice.DAILY

    nobody = UserFactory(email="")
    assert email_choice(nobody, Event.ANSWER) == EmailChoice.NONE


def test_a_forum_without_a_mode_is_optional():
    forum = course_forum()
    assert forum_mode(forum) == SubscriptionMode.OPTIONAL


# ---------------------------------------------------------------------------
# The four modes
# ---------------------------------------------------------------------------
@pytest.fixture
def people():
    forum = course_forum()
    subscribed, opted_out, silent = member("en"), member("en"), member("en")
    for person in (subscribed, opted_out, silent):
        grant(person, forum)
    outsider = member("en")
    ForumSubscription.objects.create(user=subscribed, forum=forum, subscribed=True)
    ForumSubscription.objects.create(user=opted_out, forum=forum, subscribed=False)
    ForumSubscription.objects.create(user=outsider, forum=forum, subscribed=False)
    return forum, subscribed, opted_out, silent


def followers(forum):
    return set(forum_followers(forum))


def test_optional_only_those_who_subscribed(people):
    forum, subscribed, opted_out, silent = people
    assert followers(forum) == {subscribed}
    assert follows_forum(subscribed, forum)
    assert not follows_forum(silent, forum)


def test_forced_every_member_of_the_course_without_way_out(people):
    forum, subscribed, opted_out, silent = people
    set_mode(forum, SubscriptionMode.FORCED)
    assert {subscribed, opted_out, silent} <= followers(forum)
    assert follows_forum(opted_out, forum)
    assert follows_forum(silent, forum)


def test_automatic_every_member_but_those_who_left(people):
    forum, subscribed, opted_out, silent = people
    set_mode(forum, SubscriptionMode.AUTO)
    found = followers(forum)
    assert {subscribed, silent} <= found
    assert opted_out not in found
    assert follows_forum(silent, forum)
    assert not follows_forum(opted_out, forum)


def test_disabled_nobody(people):
    forum, subscribed, opted_out, silent = people
    set_mode(forum, SubscriptionMode.DISABLED)
    assert followers(forum) == set()
    assert not follows_forum(subscribed, forum)


def test_members_who_left_the_course_are_not_followers(people):
    forum, subscribed, opted_out, silent = people
    set_mode(forum, SubscriptionMode.FORCED)
    silent.is_active = False
    silent.save()
    assert silent not in followers(forum)


# ---------------------------------------------------------------------------
# The preferences page
# ---------------------------------------------------------------------------
def test_the_page_saves_email_choice_time_zone_hour_and_forums(client):
    optional = course_forum()
    user = member("en")
    grant(user, optional)
    course = course_of_forum(optional.pk)
    second = WeekPageFactory(parent=course, questions=[])
    auto = week_forum(second)
    set_mode(auto, SubscriptionMode.AUTO)
    client.force_login(user)

    page = client.get(PREFERENCES).content.decode()
    assert f'name="forum_{optional.pk}"' in page
    assert f'name="forum_{auto.pk}"' in page
    assert 'name="time_zone"' in page
    assert "America/Bogota" in page

    response = client.post(
        PREFERENCES,
        {
            "email": EmailChoice.DAILY,
            "time_zone": "America/Bogota",
            "digest_hour": "8",
            f"forum_{optional.pk}": "on",
            # the automatic forum unticked: left
        },
    )

    assert response.status_code == 302
    saved = NotificationSettings.objects.get(user=user)
    assert (saved.email, saved.time_zone, saved.digest_hour) == ("daily", "America/Bogota", 8)
    assert follows_forum(user, optional)
    assert not follows_forum(user, auto)
    assert email_choice(user, Event.ANSWER) == EmailChoice.DAILY


def test_a_forced_forum_is_shown_and_cannot_be_left_a_disabled_one_is_not_shown(client):
    forced = course_forum()
    user = member("en")
    grant(user, forced)
    disabled = course_forum()
    grant(user, disabled)
    set_mode(forced, SubscriptionMode.FORCED)
    set_mode(disabled, SubscriptionMode.DISABLED)
    client.force_login(user)

    page = client.get(PREFERENCES).content.decode()
    assert f'name="forum_{forced.pk}"' in page
    assert "Required by the course" in page
    assert f'name="forum_{disabled.pk}"' not in page

    client.post(PREFERENCES, {"email": "each", "time_zone": "UTC", "digest_hour": "7"})

    assert follows_forum(user, forced)
    assert not ForumSubscription.objects.filter(user=user, forum=forced).exists()


def test_the_page_lists_no_forum_of_another_course(client):
    mine, theirs = course_forum(), course_forum()
    user = member("en")
    grant(user, mine)
    client.force_login(user)

    page = client.get(PREFERENCES).content.decode()

    assert f'name="forum_{mine.pk}"' in page
    assert f'name="forum_{theirs.pk}"' not in page


def test_followed_topics_are_listed_and_can_be_unfollowed(client):
    forum = course_forum()
    user = member("en")
    grant(user, forum)
    topic = create_topic(forum=forum, poster=user, subject="Microcrédito")
    topic.subscribers.add(user)
    client.force_login(user)

    assert "Microcrédito" in client.get(PREFERENCES).content.decode()
    response = client.post(reverse("notifications:unfollow_topic", args=[topic.pk]))

    assert response.status_code == 302
    assert not topic.subscribers.filter(pk=user.pk).exists()
    other = member("en")
    client.force_login(other)
    assert client.post(reverse("notifications:unfollow_topic", args=[topic.pk])).status_code == 404


def test_the_translation_preferences_page_links_to_these(client):
    client.force_login(member("en"))
    html = client.get(reverse("members:translation_preferences")).content.decode()
    assert reverse("notifications:preferences") in html


# ---------------------------------------------------------------------------
# The forum page's button
# ---------------------------------------------------------------------------
def forum_page(forum) -> str:
    return reverse("forum:forum", kwargs={"slug": forum.slug, "pk": forum.pk})


def test_the_forum_button_subscribes_and_unsubscribes_in_an_optional_forum(client):
    forum = course_forum()
    user = member("en")
    grant(user, forum)
    client.force_login(user)

    html = client.get(forum_page(forum)).content.decode()
    assert "Subscribe to this forum" in html
    follow = reverse("notifications:follow_forum", args=[forum.pk])
    response = client.post(follow, {"follow": "1", "next": forum_page(forum)})
    assert response["Location"] == forum_page(forum)
    assert follows_forum(user, forum)
    assert "Unsubscribe from this forum" in client.get(forum_page(forum)).content.decode()

    client.post(follow, {"follow": "0", "next": "https://evil.example/"})
    assert not follows_forum(user, forum)


def test_the_forum_button_in_the_other_modes(client):
    forum = course_forum()
    user = member("en")
    grant(user, forum)
    client.force_login(user)
    follow = reverse("notifications:follow_forum", args=[forum.pk])

    set_mode(forum, SubscriptionMode.AUTO)
    assert "Unsubscribe from this forum" in client.get(forum_page(forum)).content.decode()

    set_mode(forum, SubscriptionMode.FORCED)
    html = client.get(forum_page(forum)).content.decode()
    assert "You follow this forum (required)" in html
    assert follow not in html
    client.post(follow, {"follow": "0"})
    assert follows_forum(user, forum)

    set_mode(forum, SubscriptionMode.DISABLED)
    html = client.get(forum_page(forum)).content.decode()
    assert "Subscribe to this forum" not in html
    assert "required" not in html
    client.post(follow, {"follow": "1"})
    assert not ForumSubscription.objects.filter(user=user, forum=forum).exists()


def test_one_cannot_follow_a_forum_one_may_not_read(client):
    forum = course_forum()
    outsider = member("en")
    client.force_login(outsider)

    response = client.post(reverse("notifications:follow_forum", args=[forum.pk]), {"follow": "1"})

    assert response.status_code == 404
    assert not ForumSubscription.objects.filter(user=outsider).exists()


# ---------------------------------------------------------------------------
# Organizers set the modes
# ---------------------------------------------------------------------------
MODES = "/admin/notifications/forum-modes/"


def test_an_organizer_sets_the_mode_of_their_courses_forums(client, course, organizer, forum):
    client.force_login(organizer)

    page = client.get(MODES)
    assert page.status_code == 200
    assert f'name="mode_{forum.pk}"' in page.content.decode()

    response = client.post(MODES, {f"mode_{forum.pk}": SubscriptionMode.FORCED})

    assert response.status_code == 302
    assert forum_mode(forum) == SubscriptionMode.FORCED


def test_only_organizers_of_the_course_change_its_forums(client, course, organizer, forum):
    other = course_forum()
    someone = UserFactory(username="other-organizer")
    grant(someone, other, Role.ORGANIZER)
    client.force_login(someone)

    page = client.get(MODES).content.decode()
    assert f'name="mode_{forum.pk}"' not in page
    client.post(
        MODES,
        {f"mode_{forum.pk}": SubscriptionMode.DISABLED, f"mode_{other.pk}": "auto"},
    )
    assert forum_mode(forum) == SubscriptionMode.OPTIONAL
    assert forum_mode(other) == SubscriptionMode.AUTO

    participant = member("en")
    enroll(course=course, user=participant, role=Role.PARTICIPANT)
    client.force_login(participant)
    response = client.post(MODES, {f"mode_{forum.pk}": SubscriptionMode.DISABLED})
    assert response.status_code in (302, 403)
    assert forum_mode(forum) == SubscriptionMode.OPTIONAL
