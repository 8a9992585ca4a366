"""Pages keep the texts they read between requests (translations/kept_texts.py), and the
next page after any write (a translation done, a correction, an edit, a deletion, in this
process or another) reads the database again.

Run on committed transactions: the generation moves on commit, as in production. The shared
cache is a file cache here (any cache several processes share will do; Redis in production).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import transaction

from tests.factories import UserFactory
from tests.translations.pipeline_helpers import CountingEngine
from translations.models import TextSource, TextTranslation
from translations.review import save_reviewed_text
from translations.shown_texts import texts_of
from translations.texts import Text, request_texts, translate_due_texts

# Serialized: a plain flush would re-create machina's permission rows and break the next
# test that restores the serialized database (tests/conftest.py, celery_worker).
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def spanish_text():
    """An object with one Spanish text, translated into English by Apertium."""
    owner = UserFactory()
    request_texts(owner, [Text("bio", "Las cooperativas necesitan crédito.")], language="es")
    translate_due_texts(engine=CountingEngine())
    return owner


def english(obj):
    return texts_of([obj], language="en")[0].get("bio")


def test_a_text_read_once_is_served_without_the_database_until_one_is_written(
    shared_file_cache, spanish_text, django_assert_num_queries
):
    first = english(spanish_text)
    assert first.state == "machine"

    with django_assert_num_queries(0):
        again = english(spanish_text)

    assert again.translated == first.translated
    assert again.translated.startswith("The cooperatives")


def test_a_translation_done_by_the_pipeline_shows_on_the_next_read(shared_file_cache):
    owner = UserFactory()
    request_texts(owner, [Text("bio", "Las cooperativas necesitan crédito.")], language="es")
    assert english(owner).state == "pending"

    translate_due_texts(engine=CountingEngine())  # claims and results: queryset updates

    assert english(owner).state == "machine"


def test_a_translators_correction_shows_on_the_next_read(shared_file_cache, spanish_text):
    assert english(spanish_text).state == "machine"
    row = TextTranslation.objects.get(source__object_id=spanish_text.pk, language="en")

    save_reviewed_text(row, text="Cooperatives need credit.", editor=UserFactory())

    shown = english(spanish_text)
    assert (shown.state, shown.translated) == ("reviewed", "Cooperatives need credit.")


def test_an_edited_text_and_a_deleted_one_show_on_the_next_read(shared_file_cache, spanish_text):
    assert english(spanish_text).original == "Las cooperativas necesitan crédito."

    request_texts(spanish_text, [Text("bio", "Las ferias locales.")], language="es")
    assert english(spanish_text).original == "Las ferias locales."
    assert english(spanish_text).state == "pending"  # the old translation is not for it

    TextSource.objects.filter(object_id=spanish_text.pk).delete()
    assert english(spanish_text).original == ""


def test_a_transaction_that_wrote_a_text_reads_its_own_rows(shared_file_cache, spanish_text):
    assert english(spanish_text).state == "machine"
    with transaction.atomic():
        TextTranslation.objects.filter(source__object_id=spanish_text.pk).update(
            text="Written, not yet committed."
        )
        assert english(spanish_text).translated == "Written, not yet committed."
        transaction.set_rollback(True)

    assert english(spanish_text).translated.startswith("The cooperatives")


def test_a_write_in_another_process_reaches_this_one(shared_file_cache, spanish_text, settings):
    assert english(spanish_text).state == "machine"
    # Another process (a worker) writes through the ORM, with the same shared cache.
    script = (
        "import django; django.setup()\n"
        "from translations.models import TextTranslation\n"
        f"TextTranslation.objects.filter(source__object_id={spanish_text.pk}, language='en')"
        ".update(text='From the worker.')\n"
    )
    environment = {
        "DJANGO_SETTINGS_MODULE": "tests.translations.kept_texts_settings",
        "KEPT_TEXTS_CACHE": str(shared_file_cache),
        "KEPT_TEXTS_DATABASE": settings.DATABASES["default"]["NAME"],
    }
    subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env={**os.environ, **environment}, check=True
    )

    assert english(spanish_text).translated == "From the worker."


def test_without_a_shared_cache_every_read_asks_the_database(
    spanish_text, django_assert_num_queries
):
    english(spanish_text)
    with django_assert_num_queries(2):
        english(spanish_text)
