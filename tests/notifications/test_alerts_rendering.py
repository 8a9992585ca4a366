"""An alert says what it is about: "New post on public procurement (Bolivia)", in the
reader's interface language, with the theme and region named in their reading language."""

from __future__ import annotations

import pytest
from django.utils import translation

from notifications.models import Event, Notice, SubscriptionMode
from notifications.preferences import set_forum_mode
from notifications.rendering import render_notices
from translations.texts import translate_due_texts

from .alert_helpers import follow, region, theme, translated_name
from .conftest import post_reply

# Compiled before any test loads a catalog (a catalog loaded earlier would stay cached).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("compiled_catalogs")]


def test_an_alert_names_the_posts_themes_and_region(client, forum, topic, ana, louis):
    set_forum_mode(forum, SubscriptionMode.OPTIONAL)
    procurement = theme("public-procurement", "Public procurement")
    bolivia = region("bolivia", "Bolivia")
    follow(louis, themes=[procurement])
    post_reply(client, ana, topic, "Compras.", themes=[procurement.pk], region=bolivia.pk)

    with translation.override("en"):
        [shown] = render_notices(Notice.objects.filter(recipient=louis), louis)

    assert shown.headline == "New post on Public procurement (Bolivia)"
    assert shown.notice.event == Event.ALERT
    assert shown.path.endswith(f"#{shown.notice.post_id}")


def test_an_alert_is_headlined_in_the_interface_language_with_names_translated(
    client, forum, topic, ana, louis
):
    set_forum_mode(forum, SubscriptionMode.OPTIONAL)
    procurement = theme("public-procurement", "Public procurement")
    follow(ana, themes=[procurement])
    translate_due_texts()
    translated = translated_name(procurement, "es")
    assert translated not in ("", "Public procurement")
    post_reply(client, louis, topic, "Marchés publics.", themes=[procurement.pk])

    with translation.override("es"):
        [shown] = render_notices(Notice.objects.filter(recipient=ana), ana)

    assert shown.headline == f"Nueva publicación sobre {translated}"
