"""Post-editing by translators: the review queue, the edit form, and what the machine may not
overwrite."""

from __future__ import annotations

import pytest
from django.urls import reverse
from machina.test.factories import UserFactory

from courses.enrollment import enroll
from courses.models import Role
from tests.forum.helpers import grant, member, row, topic_url
from tests.translations.course_posts import course_post
from tests.translations.pipeline_helpers import CountingEngine
from translations import pipeline
from translations.models import PostTranslation, TranslationRevision

pytestmark = pytest.mark.django_db
Status = PostTranslation.Status


def edit(client, translation, content, subject="Crédito"):
    return client.post(
        reverse("translation_edit", args=[translation.pk]),
        {"subject": subject, "content": content, "digest": translation.source_digest},
    )


def test_the_queue_lists_unreviewed_machine_translations_newest_first(client, translator, post):
    later = course_post(
        post.topic.forum, member("en"), content="Credit unions help.", language="en"
    )
    pipeline.translate_pending(later.pk, engine=CountingEngine())
    client.force_login(translator)

    page = client.get(reverse("translation_review_queue")).content.decode()

    order = [
        page.index(f'data-translation="{row(p, lang).pk}"')
        for p, lang in [(later, "es"), (post, "es")]
    ]
    assert order == sorted(order)


def test_the_queue_filters_by_language_pair_and_week(client, translator, post, week):
    client.force_login(translator)
    forum_id = post.topic.forum_id

    french_to_english = client.get(
        reverse("translation_review_queue"), {"pair": "fr-en", "week": forum_id}
    ).content.decode()
    english_to_french = client.get(
        reverse("translation_review_queue"), {"pair": "en-fr"}
    ).content.decode()

    assert f'data-translation="{row(post, "en").pk}"' in french_to_english
    assert f'data-translation="{row(post, "es").pk}"' not in french_to_english
    assert "data-translation=" not in english_to_french


def test_a_participant_may_neither_see_the_queue_nor_edit_a_translation(client, course, post):
    participant = member("es")
    enroll(course=course, user=participant, role=Role.PARTICIPANT)
    client.force_login(participant)

    assert client.get(reverse("translation_review_queue")).status_code == 403
    assert edit(client, row(post), "Nada.").status_code == 403
    assert row(post).reviewed_at is None


def test_a_translator_edits_a_translation_which_is_labelled_reviewed(client, translator, post):
    client.force_login(translator)

    response = edit(client, row(post), "Las cooperativas necesitan **financiamiento**.")

    assert response.status_code == 302
    reviewed = row(post)
    assert reviewed.reviewed_by == translator
    assert reviewed.reviewed_at is not None
    assert "<strong>financiamiento</strong>" in reviewed.content_rendered
    reader = member("es")
    grant(reader, post.topic.forum)
    client.force_login(reader)
    html = client.get(topic_url(post.topic)).content.decode()
    assert "translation-label--reviewed" in html
    assert "financiamiento" in html


def test_the_edit_link_appears_beside_the_post_for_translators_only(client, translator, post):
    # The translator reads the week through their own enrollment (the `translator` fixture).
    reader = member("en")
    grant(reader, post.topic.forum)
    link = reverse("translation_edit", args=[row(post).pk])

    client.force_login(translator)
    assert link in client.get(topic_url(post.topic)).content.decode()
    client.force_login(reader)
    assert "Edit translation" not in client.get(topic_url(post.topic)).content.decode()


def test_the_rendered_edit_is_sanitised_like_a_post(client, translator, post):
    client.force_login(translator)

    edit(client, row(post), "Hola <script>alert(1)</script> amigos.")

    assert "<script>" not in row(post).content_rendered


def test_a_reviewed_translation_leaves_the_queue_and_keeps_its_history(client, translator, post):
    client.force_login(translator)
    edit(client, row(post), "Las cooperativas necesitan crédito.")

    page = client.get(reverse("translation_review_queue")).content.decode()

    assert f'data-translation="{row(post).pk}"' not in page
    kinds = list(
        TranslationRevision.objects.filter(translation=row(post))
        .order_by("created_at", "pk")
        .values_list("kind", "editor")
    )
    assert kinds == [("machine", None), ("human", translator.pk)]


def test_the_machine_never_overwrites_reviewed_text_while_the_source_is_unchanged(
    client, translator, post
):
    client.force_login(translator)
    edit(client, row(post), "Texto revisado.")

    requested = pipeline.request_post_translation(post, targets=["es", "fr", "en"])
    pipeline.translate_pending(post.pk, engine=CountingEngine())

    assert requested is False
    assert row(post).content == "Texto revisado."


def test_a_source_change_flags_the_review_retranslates_and_requeues(client, translator, post):
    client.force_login(translator)
    edit(client, row(post), "Texto revisado.")

    post.content = "Les coopératives ont besoin de politiques stables."
    post.save()
    pipeline.translate_pending(post.pk, engine=CountingEngine())

    changed = row(post)
    assert changed.source_changed_since_review is True
    assert changed.reviewed_at is None
    assert "cooperativas" in changed.content
    assert changed.content != "Texto revisado."
    page = client.get(reverse("translation_review_queue")).content.decode()
    assert f'data-translation="{changed.pk}"' in page
    assert "source-changed" in page
    assert changed.revisions.filter(kind="human", content="Texto revisado.").exists()


def test_an_edit_of_an_outdated_source_is_refused(client, translator, post):
    client.force_login(translator)
    outdated = row(post)
    post.content = "Les coopératives ont besoin de politiques stables."
    post.save()

    response = edit(client, outdated, "Texto de la versión anterior.")

    assert response.status_code == 200
    assert "alert-danger" in response.content.decode()
    assert row(post).reviewed_at is None


def test_anonymous_visitors_are_sent_to_log_in(client, post):
    response = client.get(reverse("translation_edit", args=[row(post).pk]))

    assert response.status_code == 302
    assert "login" in response["Location"]


def test_an_organizer_of_another_course_may_not_edit(client, home_page, post):
    from tests.factories import CoursePageFactory

    other = CoursePageFactory(parent=home_page)
    outsider = UserFactory()
    enroll(course=other, user=outsider, role=Role.ORGANIZER)
    client.force_login(outsider)

    assert edit(client, row(post), "Nada.").status_code == 403
