"""Issue #15's "done when", walked in Chromium with the demo cohort, as people would.

participant-en follows a topic with its Subscribe button; participant-es replies in Spanish
through the reply form and asks the week's key respondent; the real worker translates the
reply with Apertium, waits for it and mails participant-en an English email (the reply
translated and labelled, a link to the post on the configured site, a one-click unsubscribe)
through a real SMTP server on loopback; participant-en sees the count in the header and the
notice, and clicks through to the post. respondent-en is told of the question, answers it
from the notice, and the asker is told of the answer. The demo's organizer was told of its
applications, and participant-fr's daily digest goes out. One demo site for every step.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from machina.core.db.models import get_model

from notifications.digests import make_digests
from notifications.models import Email, EmailChoice, Event, Notice, NotificationSettings
from tests.browser.helpers import screenshot, sign_in, switch_language, why_not_saved
from tests.notifications.delivery_helpers import (  # noqa: F401 (fixtures)
    SITE,
    parts,
    smtp_server,
    smtp_settings,
)

Post = get_model("forum_conversation", "Post")

pytestmark = pytest.mark.browser

REPLY = (
    "Las cooperativas de Cochabamba venden pan a las escuelas municipales. "
    "¿Qué apoyo recibieron del gobierno local?"
)
ANSWER = "The municipality signed a contract for three years with the bakery cooperatives."


def wait_until(found: Callable[[], object], what: str, timeout: float = 90) -> object:
    """What `found` returns once it is truthy (the worker runs in a thread of its own)."""
    deadline = time.monotonic() + timeout
    while True:
        value = found()
        if value:
            return value
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.25)


def open_week_three_question(page, site) -> str:
    """From the header's "This week" to the second question of week 3 (the first asks for
    an answer before the others can be read); returns the topic's path."""
    page.goto(site("/"))
    page.get_by_role("link", name="This week", exact=True).click()
    page.get_by_role("link", name=re.compile(r"^Week 3:")).first.click()
    with page.expect_navigation():
        page.locator("section[aria-labelledby=questions-heading] a").nth(1).click()
    page.wait_for_url(re.compile(r"/topic/"))
    return urlsplit(page.url).path


def reply(page, text: str, language: str, *, ask_key_respondent: bool = False, answers: int = 0):
    """Through the topic's reply link and form, in Spanish or English labels; the post."""
    spanish = page.locator("html").get_attribute("lang") == "es"
    page.get_by_role("link", name="Enviar respuesta" if spanish else "Post reply").first.click()
    page.get_by_label("Mensaje" if spanish else "Message", exact=True).fill(text)
    page.get_by_label("Escrito en" if spanish else "Written in").select_option(language)
    if ask_key_respondent:
        page.get_by_label("Pregunta a los ponentes clave de la semana").check()
    if answers:
        page.get_by_label("Answers the question").select_option(str(answers))
    # Wait for the answer to the POST itself, then find the post by its text: saved, or
    # the failure says why (the answer's status, where the page is, the errors it shows).
    with (
        page.expect_response(lambda response: response.request.method == "POST") as sent,
        page.expect_navigation(),
    ):
        page.locator("form.form [type=submit]:not([name=preview])").click()
    post = Post.objects.filter(content=text).order_by("-created").first()
    assert post is not None, why_not_saved(page, sent.value)
    return post


def open_notice_from_header(page, site, notice: Notice, name: str) -> None:
    """The header's count, the centre's item, a click to the exact post."""
    page.goto(site("/"))
    count = page.locator("header .site-account__notices [data-unread-count]")
    assert int(count.get_attribute("data-unread-count") or 0) >= 1
    with page.expect_navigation():
        page.locator("header .site-account__notices").click()
    item = page.locator(f'[data-notice="{notice.pk}"]')
    assert "notification--unread" in (item.get_attribute("class") or "")
    screenshot(page, name)
    with page.expect_navigation():
        item.get_by_role("link").first.click()
    assert page.url.endswith(f"#{notice.post_id}"), page.url
    assert page.locator(f"article[id='{notice.post_id}']").is_visible()


def test_a_followed_topic_a_question_and_its_answer_reach_each_person(
    smtp_server,  # noqa: F811 (the fixture)
    demo_site,
    new_page,
):
    User = get_user_model()
    reader = User.objects.get(username="participant-en")
    respondent = User.objects.get(username="respondent-en")
    asker = User.objects.get(username="participant-es")

    # The demo's applications told its organizer; participant-fr chose a daily digest: at her
    # morning (Europe/Paris) the beat's task makes it and the worker mails it, in French.
    assert Notice.objects.filter(recipient__username="organizer", event=Event.APPLICATION).exists()
    now = timezone.now()
    morning = now.astimezone(ZoneInfo("Europe/Paris")).replace(hour=8, minute=0, second=0)
    assert [email.recipient.username for email in make_digests(max(now, morning))] == [
        "participant-fr"
    ]
    digest = wait_until(
        lambda: [
            m for m in smtp_server.messages if str(m["X-Puentes-Email"]).startswith("digest:daily:")
        ],
        "participant-fr's digest at the SMTP server",
    )[0]
    assert digest["To"] == "participant-fr@puentes.example.org"
    assert "Votre résumé quotidien" in str(digest["Subject"])
    assert "Lucía Quispe a publié une étude de cas dans votre cours" in parts(digest)[0]

    # participant-en follows the topic with its Subscribe button.
    follower = new_page()
    sign_in(follower, demo_site, "participant-en")
    topic_path = open_week_three_question(follower, demo_site)
    follower.get_by_role("link", name="Subscribe").first.click()
    with follower.expect_navigation():
        follower.get_by_role("button", name="Yes, I'm sure").click()
    assert follower.get_by_role("link", name="Unsubscribe").first.is_visible()
    topic_id = int(re.findall(r"-(\d+)/?$", topic_path)[0])
    assert reader.topic_subscriptions.filter(pk=topic_id).exists()

    # participant-es replies in Spanish and asks the week's key respondent.
    author = new_page()
    sign_in(author, demo_site, "participant-es")
    switch_language(author, "Español")
    author.goto(demo_site(topic_path))
    post = reply(author, REPLY, "es", ask_key_respondent=True)
    screenshot(author, "notifications-journey-reply-es")
    assert post.poster == asker

    # participant-en's email: in English, the reply translated and labelled, links on the site.
    notice = wait_until(
        lambda: Notice.objects.filter(recipient=reader, post=post).first(), "the follower's notice"
    )
    assert notice.event == Event.NEW_POST
    wait_until(
        lambda: Email.objects.filter(notice=notice, status=Email.Status.SENT).exists(),
        "the follower's email",
    )
    message = wait_until(
        lambda: [
            m
            for m in smtp_server.messages
            if m["To"] == reader.email and "wrote in a discussion you follow" in str(m["Subject"])
        ],
        "the follower's email at the SMTP server",
        timeout=20,
    )[-1]
    subject = str(message["Subject"])
    assert subject.startswith("[Puentes]"), subject
    text, html = parts(message)
    assert "Machine-translated from Spanish" in text
    assert "Machine-translated from Spanish" in html
    assert "school" in text.lower(), text  # the reply in English, not the original
    assert "escuelas municipales" not in text
    links = re.findall(r"https?://[^\s<>\"')]+", text)
    post_links = [link for link in links if link.endswith(f"#{post.pk}")]
    assert post_links, links
    assert all(link.startswith(SITE + "/") for link in post_links), links
    unsubscribe = str(message["List-Unsubscribe"]).strip("<> ")
    assert unsubscribe.startswith(SITE + "/notifications/unsubscribe/"), unsubscribe
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    # The email's link opens the post on the site; the header counts the notice.
    follower.goto(demo_site(urlsplit(post_links[0]).path + "?" + urlsplit(post_links[0]).query))
    assert follower.locator(f"article[id='{post.pk}']").is_visible()
    Notice.objects.filter(pk=notice.pk).update(read_at=None)  # as if read from the email only
    open_notice_from_header(follower, demo_site, notice, "notifications-journey-centre-en")

    # respondent-en is told of the question, opens it and answers in the topic.
    question = wait_until(
        lambda: Notice.objects.filter(
            recipient=respondent, post=post, event=Event.QUESTION
        ).first(),
        "the key respondent's notice",
    )
    answering = new_page()
    sign_in(answering, demo_site, "respondent-en")
    open_notice_from_header(answering, demo_site, question, "notifications-journey-question-en")
    answer = reply(answering, ANSWER, "en", answers=post.pk)
    screenshot(answering, "notifications-journey-answer-en")
    assert answer.poster == respondent

    # The asker is told of the answer, in their interface language.
    told = wait_until(
        lambda: Notice.objects.filter(recipient=asker, post=answer, event=Event.ANSWER).first(),
        "the asker's notice",
    )
    author.goto(demo_site("/notifications/"))
    item = author.locator(f'[data-notice="{told.pk}"]')
    assert "respondió a tu pregunta" in item.inner_text(), item.inner_text()
    screenshot(author, "notifications-journey-answer-es")

    # The one-click unsubscribe of the email works with no session (RFC 8058).
    response = new_page().context.request.post(
        demo_site(urlsplit(unsubscribe).path),
        form={"List-Unsubscribe": "One-Click"},
    )
    assert response.status == 200, response.status
    assert NotificationSettings.objects.get(user=reader).email == EmailChoice.NONE
