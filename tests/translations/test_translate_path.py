"""The one way a text is translated (translations.translate): what it adds to the engine."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_a_title_that_starts_with_a_capital_keeps_it_after_translation():
    from translations.engines import get_engine
    from translations.translate import translate_texts

    [translated], _sent = translate_texts(
        ["Canada – Latin America Online Forum"],
        kind="markdown",
        source="en",
        target="fr",
        engine=get_engine("apertium"),
    )

    assert translated[:1].isupper()
