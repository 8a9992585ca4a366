"""A community's name and purpose are translated like posts and shown with the same labels
(machine-translated from …, the original one click away)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from communities import actions
from tests.forum.helpers import member
from tests.translations.pipeline_helpers import CountingEngine
from translations.texts import translate_due_texts

pytestmark = pytest.mark.django_db

PURPOSE = "Las cooperativas de ahorro comparten sus experiencias de crédito solidario."


def test_a_communitys_purpose_is_shown_translated_with_its_label(client, moderator):
    author = member("es")
    community = actions.propose_community(
        proposer=author, name="Ahorro solidario", purpose=PURPOSE, access="open"
    )
    actions.decide_proposal(community=community, moderator=moderator, approve=True)
    translate_due_texts(engine=CountingEngine())
    client.force_login(member("en"))

    html = client.get(reverse("communities:detail", args=[community.slug])).content.decode()

    assert "Machine-translated from Spanish" in html
    assert f'<div data-version="original" lang="es" hidden><p>{PURPOSE}</p></div>' in html
    assert 'data-version="translation" lang="en"' in html
