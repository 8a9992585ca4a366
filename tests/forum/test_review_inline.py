"""The inline translation editor's server side: the form page's view, answering JSON."""

from __future__ import annotations

import pytest
from django.urls import reverse

from courses.enrollment import enroll
from courses.models import Role
from tests.forum.helpers import grant, member, row, topic_url
from translations.models import TranslationRevision

pytestmark = pytest.mark.django_db

JSON = {"HTTP_ACCEPT": "application/json"}


def save_inline(client, translation, content, *, digest=None, headers=JSON):
    return client.post(
        reverse("translation_edit", args=[translation.pk]),
        {
            "subject": "Crédito",
            "content": content,
            "digest": digest or translation.source_digest,
        },
        **headers,
    )


def test_the_editor_loads_the_translation_to_edit_as_json(client, translator, post):
    client.force_login(translator)

    answer = client.get(reverse("translation_edit", args=[row(post).pk]), **JSON).json()

    assert answer["content"] == row(post).content
    assert answer["subject"] == row(post).subject
    assert answer["digest"] == row(post).source_digest
    assert answer["language"] == "es"


@pytest.mark.parametrize(
    "headers",
    [JSON, {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}],
    ids=["accept-json", "x-requested-with"],
)
def test_a_saved_translation_comes_back_rendered_and_labelled_reviewed(
    client, translator, post, headers
):
    client.force_login(translator)  # their enrollment as translator lets them read the week

    response = save_inline(
        client, row(post), "Las cooperativas necesitan **financiamiento**.", headers=headers
    )

    assert response.status_code == 200
    answer = response.json()
    assert answer["state"] == "reviewed"
    # The label the topic page shows the same reader (here in Spanish, their language).
    assert answer["label"] == "Traducción (original en francés) revisada por un traductor"
    assert answer["label"] in client.get(topic_url(post.topic)).content.decode()
    assert "<strong>financiamiento</strong>" in answer["html"]
    assert answer["html"] == row(post).content_rendered
    assert answer["subject"] == "Crédito"
    assert row(post).reviewed_by == translator


def test_a_participant_is_refused_with_a_message_and_nothing_is_saved(client, course, post):
    participant = member("es")
    enroll(course=course, user=participant, role=Role.PARTICIPANT)
    client.force_login(participant)

    response = save_inline(client, row(post), "Nada.")

    assert response.status_code == 403
    assert response.json()["message"]
    assert row(post).reviewed_at is None
    assert not TranslationRevision.objects.exists()


def test_a_signed_out_save_is_refused_with_a_message_not_the_login_page(client, post):
    response = save_inline(client, row(post), "Nada.")

    assert response.status_code == 403
    assert "sign in" in response.json()["message"].lower()


def test_a_script_in_the_saved_text_is_sanitised(client, translator, post):
    client.force_login(translator)

    answer = save_inline(client, row(post), "Hola <script>alert(1)</script> amigos.").json()

    assert "<script>" not in answer["html"]
    assert "<script>" not in row(post).content_rendered
    assert "amigos" in answer["html"]


def test_a_save_writes_the_history_of_the_machine_and_the_translator(client, translator, post):
    client.force_login(translator)
    machine_text = row(post).content

    save_inline(client, row(post), "Las cooperativas necesitan crédito.")

    history = list(
        TranslationRevision.objects.filter(translation=row(post))
        .order_by("created_at", "pk")
        .values_list("kind", "editor", "content")
    )
    assert history == [
        ("machine", None, machine_text),
        ("human", translator.pk, "Las cooperativas necesitan crédito."),
    ]


def test_an_empty_translation_is_refused_with_the_reason(client, translator, post):
    client.force_login(translator)

    response = save_inline(client, row(post), "")

    assert response.status_code == 400
    assert "content" in response.json()["errors"]
    assert response.json()["message"].startswith("Traducción:")  # the field, in Spanish
    assert row(post).reviewed_at is None


def test_a_save_over_an_edited_original_is_refused_with_the_new_version_to_check(
    client, translator, post
):
    client.force_login(translator)
    outdated = row(post)
    post.content = "Les coopératives ont besoin de politiques stables."
    post.save()

    refused = save_inline(client, outdated, "Texto de la versión anterior.")
    saved = save_inline(client, outdated, "Texto revisado.", digest=refused.json()["digest"])

    assert refused.status_code == 409
    assert refused.json()["message"].startswith("El original se modificó")
    assert saved.status_code == 200
    assert row(post).content == "Texto revisado."


def test_the_topic_page_offers_the_inline_editor_to_translators_only(client, translator, post):
    # The translator reads the week through their own enrollment (the `translator` fixture).
    reader = member("en")
    grant(reader, post.topic.forum)

    client.force_login(translator)
    translator_page = client.get(topic_url(post.topic)).content.decode()
    client.force_login(reader)
    reader_page = client.get(topic_url(post.topic)).content.decode()

    assert 'id="translation-editor"' in translator_page
    assert "data-translation-edit" in translator_page
    assert 'id="translation-editor"' not in reader_page
    assert "data-translation-edit" not in reader_page


def test_without_json_the_form_page_still_redirects_back(client, translator, post):
    client.force_login(translator)

    response = save_inline(client, row(post), "Texto revisado.", headers={})

    assert response.status_code == 302
