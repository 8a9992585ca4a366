"""The organizer's whole path to published proceedings, in Chromium: select a passage of a
week 1–5 post and harvest it, write it into the week-6 proceedings' synthesis in the Wagtail
admin, submit the new revision to the course's review; another organizer (reading Spanish)
approves it from the admin and reads the published page: the new synthesis and the
harvested passage, in Spanish with its provenance label. Then the PDFs in Spanish, French
and English and the course archive, from the page's "Exports".

The README's demo cohort, a live server and the real Celery worker (translations and
exports): nothing is faked between the organizers' clicks and what they read.
"""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from allauth.account.models import EmailAddress
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation
from machina.core.db.models import get_model
from playwright.sync_api import expect
from wagtail.models import WorkflowState

from courses.editorial import ensure_editorial_setup
from courses.enrollment import enroll
from courses.models import Role
from forum.discussion import post_url, topic_url
from forum.independent import post_first_topics
from forum.models import WeekForum
from members.profiles import get_profile
from proceedings.compile import compile_proceedings
from proceedings.models import Export, Passage, ProceedingsPage, QuoteConsent
from taxonomy.models import Region, Theme
from tests.browser.helpers import DEMO_PASSWORD, screenshot, sign_in, wait_for_translations
from tests.browser.test_proceedings_journey import READY_WITHIN_MS, download, flat, pdf_text
from translations.models import TextTranslation

Post = get_model("forum_conversation", "Post")

pytestmark = pytest.mark.browser

ADDED_SYNTHESIS = "Participants from Canada asked for a framework law with its own budget."

# Selects the first words of the first text node of `selector` long enough to quote, as a
# mouse would, lets go of the button, and answers the words selected.
SELECT_FIRST_WORDS = """([selector, count]) => {
  const root = document.querySelector(selector);
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let node;
  while ((node = walker.nextNode())) {
    const words = node.textContent.trim().split(/\\s+/);
    if (words.length < count) continue;
    const wanted = words.slice(0, count).join(" ");
    const index = node.textContent.indexOf(wanted);
    if (index < 0) continue;
    const range = document.createRange();
    range.setStart(node, index);
    range.setEnd(node, index + wanted.length);
    const selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    node.parentElement.dispatchEvent(new MouseEvent("mouseup", { bubbles: true }));
    return wanted;
  }
  return null;
}"""


def english_post_to_harvest():
    """A post of weeks 1–5 written in English, not harvested yet, by a member who agreed to
    be quoted, and not an answer the proceedings keep hidden: a Spanish reader gets it
    translated."""
    consenting = QuoteConsent.objects.exclude(choice=QuoteConsent.Choice.NONE).values("member")
    candidates = list(
        Post.objects.filter(
            poster__in=consenting,
            approved=True,
            topic__forum_id__in=WeekForum.objects.filter(week__number__lte=5).values("forum_id"),
            harvested_passages__isnull=True,
            puentes_language__language="en",
        )
        .select_related("topic__forum")
        .order_by("pk")
    )
    gated = post_first_topics({post.topic_id for post in candidates})
    return next((post for post in candidates if post.topic_id not in gated), None)


def second_organizer(course):
    """Another organizer of the course, reading Spanish, who reviews the proceedings."""
    user = get_user_model().objects.create_user(
        username="organizer-es",
        email="organizer-es@puentes.example.org",
        password=DEMO_PASSWORD,
        first_name="Carmen",
        last_name="Rojas",
    )
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    profile = get_profile(user)
    profile.preferred_language = "es"
    profile.save()
    user.groups.add(ensure_editorial_setup().organizers)
    enroll(course=course, user=user, role=Role.ORGANIZER)
    return user


def harvest_selection(page, site, post, theme: Theme, region: Region) -> str:
    """On the topic page: the original shown in place, its first words selected, "Harvest
    this passage", tagged and saved. Answers the words harvested."""
    page.goto(site(f"{topic_url(post.topic.forum, post.topic)}?post={post.pk}"))
    article = f'article[id="{post.pk}"]'
    toggle = page.locator(f"{article} [data-toggle-original]")
    original = f'{article} [data-post-content] [data-version="original"]'
    if toggle.count():  # the organizer reads French: the machine translation comes first
        toggle.click()
        expect(page.locator(original)).to_be_visible()
    else:
        original = f"{article} [data-post-content]"
    words = page.evaluate(SELECT_FIRST_WORDS, [original, 8])
    assert words, "the post has no run of eight words to select"
    offer = page.locator(f"{article} [data-harvest-selection] a")
    expect(offer).to_be_visible()
    with page.expect_navigation():
        offer.click()
    expect(page.locator("textarea[name=text]")).to_have_value(words)
    page.locator(f"input[name=themes][value='{theme.pk}']").check()
    page.locator(f"input[name=regions][value='{region.pk}']").check()
    screenshot(page, "proceedings-compile-harvest")
    with page.expect_navigation():
        page.locator("form.harvest-form [type=submit]").click()
    expect(page.locator(f"{article} [data-harvested]")).to_be_visible()
    return words


def open_action_menu(page, item) -> None:
    """The editor's footer shows one action; the others are in its menu, opened on demand."""
    if not item.is_visible():
        page.locator(".w-dropdown-button [data-w-dropdown-target=toggle]").first.click()
    expect(item).to_be_visible()


def add_to_synthesis(page, site, proceedings: ProceedingsPage, theme: Theme, sentence: str):
    """In the admin's editor of the proceedings: a sentence at the end of the theme's
    synthesis, then "Submit to" the course's review."""
    [block] = [block for block in proceedings.syntheses if block.value["theme"] == theme]
    page.goto(site(reverse("wagtailadmin_pages:edit", args=[proceedings.pk])))
    editor = page.locator(
        f"[data-contentpath='{block.id}'] [data-contentpath='synthesis'] [contenteditable=true]"
    )
    editor.click()
    page.keyboard.press("Control+End")
    page.keyboard.press("Enter")
    page.keyboard.type(sentence)
    expect(editor).to_contain_text(sentence)
    submit = page.locator("button[name=action-submit]")
    open_action_menu(page, submit)
    screenshot(page, "proceedings-compile-submit")
    with page.expect_navigation():
        submit.click()


def approve(page, site, proceedings: ProceedingsPage) -> None:
    """From the admin's dashboard ("Awaiting your review"), the proceedings opened and
    approved: the reviewed revision is published."""
    page.goto(site(reverse("wagtailadmin_pages:edit", args=[proceedings.pk])))
    approve_button = page.locator(
        "button[data-workflow-action-name=approve]:not([data-workflow-action-modal-url])"
    )
    open_action_menu(page, approve_button)
    screenshot(page, "proceedings-compile-approve")
    with page.expect_navigation():
        approve_button.click()


def test_the_organizer_harvests_compiles_and_submits_then_another_organizer_publishes(
    demo_site, new_page
):
    post = english_post_to_harvest()
    assert post is not None, "the demo has no unharvested English post that may be quoted"
    proceedings = ProceedingsPage.objects.live().get()
    course = proceedings.course()
    legislation = Theme.objects.get(slug="legislation")
    region = Region.objects.get(slug="canada-outside-quebec")
    reviewer = second_organizer(course)

    # The organizer harvests a passage, then writes it into the theme's synthesis.
    organizer = new_page()
    sign_in(organizer, demo_site, "organizer")
    words = harvest_selection(organizer, demo_site, post, legislation, region)
    passage = Passage.objects.get(post=post)
    assert (passage.text, passage.language) == (words, "en")
    wait_for_translations()  # the passage's, asked for when it was harvested

    add_to_synthesis(organizer, demo_site, proceedings, legislation, ADDED_SYNTHESIS)
    state = WorkflowState.objects.get(
        base_content_type__isnull=False,
        object_id=str(proceedings.pk),
        status=WorkflowState.STATUS_IN_PROGRESS,
    )
    assert state.requested_by.username == "organizer"
    proceedings.refresh_from_db()
    assert ADDED_SYNTHESIS not in str(proceedings.syntheses[0].value["synthesis"])  # not live

    # Another organizer approves; the revision goes live and its texts are translated.
    review = new_page()
    sign_in(review, demo_site, reviewer.username)
    approve(review, demo_site, proceedings)
    proceedings.refresh_from_db()
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    assert proceedings.live
    assert ADDED_SYNTHESIS in "".join(
        str(block.value["synthesis"]) for block in proceedings.syntheses
    )
    wait_for_translations()

    # The published page in the reviewer's Spanish: the passage translated and labelled,
    # its original a click away.
    review.goto(demo_site(proceedings.url))
    with translation.override("es"):
        compiled = compile_proceedings(course, language="es", page=proceedings)
    [quote] = [
        quote
        for chapter in compiled.chapters
        for cell in chapter.cells
        for quote in cell.passages
        if quote.passage.pk == passage.pk
    ]
    assert (quote.is_machine, quote.target) == (True, "es")
    figure = review.locator("figure.proceedings-quote").filter(
        has=review.locator(f"a[href='{post_url(post.topic.forum, post)}']")
    )
    expect(figure).to_have_count(1)
    shown = figure.locator("[data-version=translation][lang=es]").first
    expect(shown).to_have_text(BeautifulSoup(quote.text, "html.parser").get_text())
    assert quote.label.startswith("Traducción automática")
    expect(figure.locator(".translation-label [data-version=translation]")).to_have_text(
        quote.label
    )
    figure.locator("[data-toggle-original]").click()
    expect(figure.locator("blockquote [data-version=original]")).to_contain_text(words)
    # The theme's synthesis, as approved, in Spanish too (the worker translated it).
    [chapter] = [chapter for chapter in compiled.chapters if chapter.theme == legislation]
    synthesis = TextTranslation.objects.get(
        source__object_id=proceedings.pk,
        source__field=f"{chapter.block_id}.synthesis",
        source__text__contains=ADDED_SYNTHESIS,
        language="es",
        status=TextTranslation.Status.DONE,
    )
    last_paragraph = BeautifulSoup(synthesis.text, "html.parser").find_all("p")[-1].get_text()
    expect(review.locator(f"#{chapter.anchor} .synthesis")).to_contain_text(last_paragraph)
    screenshot(review, "proceedings-compile-published")

    # The organizer downloads the proceedings in three languages and the archive.
    organizer.goto(demo_site(proceedings.url))
    with organizer.expect_navigation():
        organizer.locator(".exports-link a").click()
    for language in ("es", "fr", "en"):
        with organizer.expect_navigation():
            organizer.locator(
                f"form:has(input[name=language][value={language}]) [type=submit]"
            ).click()
    with organizer.expect_navigation():
        organizer.locator("form:has(#include-private) [type=submit]").click()
    expect(organizer.locator("tr.export")).to_have_count(4)
    expect(organizer.locator("tr.export[data-status='done']")).to_have_count(
        4, timeout=READY_WITHIN_MS
    )
    exports = {
        export.language if export.kind == Export.Kind.PDF else "archive": export
        for export in Export.objects.all()
    }
    assert all(export.status == Export.Status.DONE for export in exports.values())
    for language in ("es", "fr", "en"):
        # Quoted as written in English, else its original in the annex.
        assert flat(words) in flat(
            pdf_text(download(organizer, export_row(organizer, exports[language])))
        )
    archive_file = download(organizer, export_row(organizer, exports["archive"]))
    with zipfile.ZipFile(io.BytesIO(archive_file.read_bytes())) as archive:
        [harvest] = [name for name in archive.namelist() if name.endswith("/json/harvest.json")]
        harvested = json.loads(archive.read(harvest))
    [record] = [row for row in harvested if row["id"] == passage.pk]
    assert record["themes"] == [legislation.name]


def export_row(page, export: Export):
    status_url = reverse("proceedings:export_status", args=[export.pk])
    return page.locator(f"tr.export[data-export-status-url='{status_url}']")
