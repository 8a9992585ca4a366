"""The organizer's path to the proceedings in a real browser: harvest a post on its topic
page, open the course's proceedings, ask for the PDF in Spanish, French and English and the
course archive on the Exports page, watch them get ready, download them and read them back.

The README's demo cohort, a live server and the real Celery worker (translations and
exports): nothing is faked between the organizer's clicks and the files they get.
"""

from __future__ import annotations

import io
import json
import subprocess
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.utils import translation
from machina.core.db.models import get_model
from playwright.sync_api import expect

from forum.discussion import topic_url
from forum.independent import post_first_topics
from forum.models import WeekForum
from proceedings.attribution import attribution
from proceedings.models import Export, Passage, ProceedingsPage, QuoteConsent
from taxonomy.models import Region, Theme
from tests.browser.helpers import screenshot, sign_in, switch_language

Post = get_model("forum_conversation", "Post")

pytestmark = pytest.mark.browser

#: Building the four files takes seconds; the bound leaves room for a loaded machine.
READY_WITHIN_MS = 360_000


def unharvested_quotable_post():
    """A post not in the harvest yet, in a week's forum, by a member who agreed to be quoted
    (by name or anonymously), and not an answer the proceedings keep hidden (a question
    asking to post before seeing the others)."""
    consenting = QuoteConsent.objects.exclude(choice=QuoteConsent.Choice.NONE).values("member")
    candidates = list(
        Post.objects.filter(
            poster__in=consenting,
            approved=True,
            topic__forum_id__in=WeekForum.objects.values("forum_id"),
            harvested_passages__isnull=True,
        )
        .select_related("topic__forum")
        .order_by("pk")
    )
    gated = post_first_topics({post.topic_id for post in candidates})
    return next((post for post in candidates if post.topic_id not in gated), None)


def first_words(post, count: int = 8) -> str:
    text = BeautifulSoup(post.content.rendered, "html.parser").get_text(" ")
    return " ".join(text.split()[:count])


def flat(text: str) -> str:
    return " ".join(text.split())


def pdf_text(path: Path) -> str:
    return subprocess.run(  # noqa: S603 -- a fixed program on a file of ours
        ["/usr/bin/pdftotext", "-layout", str(path), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def harvest(page, site, post) -> None:
    """On the post's topic page: "Harvest", a theme with a chapter and a region, saved."""
    page.goto(site(f"{topic_url(post.topic.forum, post.topic)}?post={post.pk}"))
    article = page.locator(f"article[id='{post.pk}']")
    with page.expect_navigation():
        article.locator("a.post-harvest").click()
    page.locator(f"input[name=themes][value='{Theme.objects.get(slug='legislation').pk}']").check()
    page.locator(f"input[name=regions][value='{Region.objects.get(slug='bolivia').pk}']").check()
    screenshot(page, "proceedings-journey-harvest")
    with page.expect_navigation():
        page.locator("form.harvest-form [type=submit]").click()


def download(page, row) -> Path:
    with page.expect_download() as info:
        row.locator("a.export__download").click()
    return Path(info.value.path())


def test_the_organizer_harvests_then_downloads_the_pdf_in_each_language_and_the_archive(
    demo_site, new_page
):
    post = unharvested_quotable_post()
    assert post is not None, "the demo has no unharvested post by a member who may be quoted"
    words = first_words(post)
    page = new_page()
    sign_in(page, demo_site, "organizer")
    switch_language(page, "English")

    harvest(page, demo_site, post)
    passage = Passage.objects.get(post=post)
    assert passage.included
    assert [theme.slug for theme in passage.themes.all()] == ["legislation"]

    proceedings = ProceedingsPage.objects.live().get()
    page.goto(demo_site(proceedings.url))
    with page.expect_navigation():
        page.get_by_role("link", name="Exports: proceedings PDF and course archive").click()
    assert page.get_by_role("heading", level=1).inner_text().startswith("Exports")
    for language in ("es", "fr", "en"):
        with page.expect_navigation():
            page.locator(f"form:has(input[name=language][value={language}]) [type=submit]").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Course archive (ZIP)").click()
    assert page.locator("#include-private").is_checked() is False

    # The page's script follows each export until it is ready (no reload).
    rows = page.locator("tr.export")
    expect(rows).to_have_count(4)
    expect(page.locator("tr.export[data-status='done']")).to_have_count(4, timeout=READY_WITHIN_MS)
    screenshot(page, "proceedings-journey-exports")
    assert Export.objects.filter(status=Export.Status.DONE).count() == 4

    # The French and English PDFs: a cover in their language, the new passage in it too
    # (as written, or translated with its original in the annex).
    for name, cover in (("French", "Actes"), ("English", "Proceedings")):
        other = flat(pdf_text(download(page, rows.filter(has_text=f"Proceedings (PDF) · {name}"))))
        assert cover in other
        assert words in other

    pdf_row = rows.filter(has_text="Proceedings (PDF) · Spanish")
    pdf = flat(pdf_text(download(page, pdf_row)))
    assert "Actas" in pdf  # the cover, in Spanish
    # The passage just harvested: quoted as written when Spanish, else its original is in
    # the annex beside the Spanish translation.
    assert words in pdf
    with translation.override("es"):
        assert flat(attribution(passage, language="es") or "") in pdf  # as they consented

    archive_row = rows.filter(has_text="Course archive (ZIP)")
    with zipfile.ZipFile(io.BytesIO(download(page, archive_row).read_bytes())) as archive:
        names = archive.namelist()
        folder = names[0].split("/", 1)[0]
        assert f"{folder}/README.md" in names
        harvest_rows = json.loads(archive.read(f"{folder}/json/harvest.json"))
        posts = {row["id"]: row for row in json.loads(archive.read(f"{folder}/json/posts.json"))}
    [record] = [row for row in harvest_rows if row["id"] == passage.pk]
    assert record["themes"] == ["Legislation and legal frameworks"]
    assert record["regions"] == ["Bolivia"]
    assert posts[post.pk]["content"] == post.content.raw
    assert not any(row["private"] for row in posts.values())
