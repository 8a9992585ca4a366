"""A week of the cohort in a real browser: a response in Spanish reaches English readers.

The README's demo cohort, a live server and the real Celery worker with Apertium: nothing
is faked between the participant's click and the reader's page.
"""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from machina.core.db.models import get_model
from playwright.sync_api import expect

from courses.models import Enrollment, Role
from tests.browser.helpers import (
    screenshot,
    sign_in,
    switch_language,
    wait_for_translations,
    why_not_saved,
)

Post = get_model("forum_conversation", "Post")

pytestmark = pytest.mark.browser

RESPONSE = (
    "En Cochabamba las cooperativas venden pan a las escuelas municipales. "
    "La compra pública local cambió la vida de muchas familias."
)


def respond_in_spanish(page, site, *, ask_key_respondent: bool = False) -> int:
    """participant-fr: signs in, switches to Spanish, opens this week, answers a question."""
    sign_in(page, site, "participant-fr")
    switch_language(page, "Español")
    assert page.locator("html").get_attribute("lang") == "es"

    page.get_by_role("link", name="Esta semana", exact=True).click()
    screenshot(page, "journey-this-week-es")
    page.get_by_role("link", name=re.compile(r"^Semana 3:")).first.click()
    assert page.get_by_role("heading", level=1).inner_text().startswith("Semana 3:")
    # The second question: the first asks for an answer before the others can be read.
    # Each page is waited for before the next click: once, the reply form's message went
    # empty between its filling and its sending (a page loaded again behind the test).
    page.locator("section[aria-labelledby=questions-heading] a").nth(1).click()
    page.wait_for_url(re.compile(r"/topic/[^/]+/$"))
    page.get_by_role("link", name="Enviar respuesta").first.click()
    page.wait_for_url(re.compile(r"/post/create/"))
    page.wait_for_load_state("load")

    message = page.get_by_label("Mensaje")
    page.get_by_label("Escrito en").select_option("es")
    if ask_key_respondent:
        page.get_by_label("Pregunta a los ponentes clave de la semana").check()
    message.fill(RESPONSE)
    expect(message).to_have_value(RESPONSE)
    screenshot(page, "journey-post-form-es")
    # Wait for the answer to the POST itself: the page already loaded would not wait.
    with (
        page.expect_response(lambda response: response.request.method == "POST") as sent,
        page.expect_navigation(),
    ):
        page.locator("form.form [type=submit]:not([name=preview])").click()
    post = Post.objects.filter(poster__username="participant-fr", content=RESPONSE).first()
    # Saved, or why not: the answer's status and the errors the page shows.
    assert post is not None, why_not_saved(page, sent.value)
    return post.pk


def test_a_response_in_spanish_reaches_an_english_reader_with_the_original_at_hand(
    demo_site, new_page
):
    author = new_page()
    post_id = respond_in_spanish(author, demo_site)
    topic_url = author.url.split("?", 1)[0]
    wait_for_translations()

    reader = new_page()
    sign_in(reader, demo_site, "participant-en")
    reader.goto(topic_url)
    post = reader.locator(f"article[id='{post_id}']")
    assert "Machine-translated from Spanish" in post.inner_text()
    translation = post.locator('.post-content [data-version="translation"]')
    assert translation.is_visible()
    assert "cooperative" in translation.inner_text().lower()
    screenshot(reader, "journey-topic-en")

    post.get_by_role("link", name="Show original").click()

    original = post.locator('.post-content [data-version="original"]')
    assert original.is_visible()
    assert original.get_attribute("lang") == "es"
    assert RESPONSE in original.inner_text()
    assert not translation.is_visible()
    post.get_by_role("link", name="Show translation").click()
    assert translation.is_visible()


def test_a_key_respondent_sees_the_question_addressed_to_them(demo_site, new_page):
    author = new_page()
    post_id = respond_in_spanish(author, demo_site, ask_key_respondent=True)
    wait_for_translations()
    respondent = (
        Enrollment.objects.filter(role=Role.KEY_RESPONDENT, week__number=3)
        .select_related("user")
        .first()
        .user
    )

    page = new_page()
    sign_in(page, demo_site, respondent.username)
    page.goto(demo_site(reverse("my_questions")))

    question = page.locator("article.question").filter(has=page.locator(f"a[href*='{post_id}']"))
    assert question.count() == 1
    assert "Bergeron" in question.inner_text()
    screenshot(page, "journey-key-respondent-questions")
