"""The course archive (proceedings.archive.build_archive): what the ZIP holds."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from proceedings.archive import build_archive
from tests.proceedings.export_world import build_world, translate, translate_texts
from tests.translations.course_posts import course_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(course, week, organizer):
    return build_world(course, week, organizer)


def files_of(data: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name.split("/", 1)[1]: archive.read(name).decode() for name in archive.namelist()}


def posts_of(files) -> dict[int, dict]:
    return {post["id"]: post for post in json.loads(files["json/posts.json"])}


def test_archive_holds_json_csv_markdown_and_a_readme(world):
    files = files_of(build_archive(world.course))

    for name in (
        "README.md",
        "json/course.json",
        "json/posts.json",
        "json/topics.json",
        "json/weeks.json",
        "json/readings.json",
        "json/case_studies.json",
        "json/harvest.json",
        "json/figures.json",
        "csv/posts.csv",
        "csv/translations.csv",
        "csv/harvest.csv",
    ):
        assert name in files, name
    assert [name for name in files if name.startswith("markdown/")] == [
        f"markdown/week-{world.week.number:02d}.md"
    ]


def test_a_post_keeps_its_original_and_every_translation(world):
    post = posts_of(files_of(build_archive(world.course)))[world.post.pk]

    assert post["content"] == "La **economía social** necesita acceso al capital."
    assert post["language"] == "es"
    assert set(post["translations"]) == {"en", "fr"}
    assert post["translations"]["en"]["text"] == "The **social economy** needs access to capital."
    assert post["author_username"] == world.participant.username
    assert post["url"].endswith(f"?post={world.post.pk}#{world.post.pk}")


def test_a_translation_reviewed_by_a_translator_says_so(world):
    translations = posts_of(files_of(build_archive(world.course)))[world.post.pk]["translations"]

    assert translations["fr"]["reviewed"] is True
    assert translations["fr"]["text"] == "L'**économie sociale** a besoin d'accès au capital."
    assert translations["fr"]["reviewed_by"] == world.translator.puentes_profile.name
    assert translations["en"]["reviewed"] is False


def test_translations_csv_marks_the_reviewed_row(world):
    files = files_of(build_archive(world.course))
    rows = list(csv.DictReader(io.StringIO(files["csv/translations.csv"])))
    post_rows = {
        row["language"]: row
        for row in rows
        if row["of"] == "post" and row["object_id"] == str(world.post.pk)
    }

    assert post_rows["fr"]["reviewed"] == "yes"
    assert post_rows["en"]["reviewed"] == "no"


def test_harvest_keeps_its_tags_and_translations(world):
    files = files_of(build_archive(world.course))
    [passage] = json.loads(files["json/harvest.json"])

    assert passage["post_id"] == world.post.pk
    assert passage["text"] == "necesita acceso al capital"
    assert passage["themes"] == ["Access to capital"]
    assert passage["regions"] == ["Ecuador"]
    assert passage["translations"]["en"]["text"] == "EN: necesita acceso al capital"
    [row] = list(csv.DictReader(io.StringIO(files["csv/harvest.csv"])))
    assert row["themes"] == "Access to capital"
    assert row["text_en"] == "EN: necesita acceso al capital"


def test_a_private_communitys_post_is_left_out_by_default(world):
    files = files_of(build_archive(world.course))

    assert world.private_post.pk not in posts_of(files)
    assert "secreto" not in "".join(files.values())


def test_a_private_communitys_post_is_in_when_the_organizer_includes_it(world):
    files = files_of(build_archive(world.course, include_private=True))

    post = posts_of(files)[world.private_post.pk]
    assert post["private"] is True
    assert post["community"] == "Cercle andin"
    assert "markdown/community-cercle-andin.md" in files
    assert "Un secreto del círculo andino." in files["markdown/community-cercle-andin.md"]


def test_figures_are_the_courses_participation(world):
    files = files_of(build_archive(world.course))
    figures = json.loads(files["json/figures.json"])

    assert figures["posts"] == len(posts_of(files))  # the questions' posts, and two more
    assert figures["posts_per_language"]["fr"] == 1
    assert figures["members"]["by_role"]["organizer"] == 1


def test_markdown_shows_each_post_with_its_translations(world):
    files = files_of(build_archive(world.course))
    week = files[f"markdown/week-{world.week.number:02d}.md"]

    assert "## Capital paciente" in week
    assert "La **economía social** necesita acceso al capital." in week
    assert "The **social economy** needs access to capital." in week
    assert "reviewed by a translator" in week


def test_case_study_texts_come_with_their_translations(world):
    translate_texts(world.case_study, "fr", "FR:")
    files = files_of(build_archive(world.course))
    [study] = json.loads(files["json/case_studies.json"])

    assert study["texts"]["title"]["text"] == "El Chantier"
    assert study["texts"]["title"]["translations"]["fr"]["text"] == "FR: El Chantier"


def test_readme_says_consent_does_not_filter_the_archive(world):
    readme = files_of(build_archive(world.course))["README.md"]

    assert "quote consent applies to the proceedings, not to this archive" in readme
    assert "Posts of private communities are not included" in readme


def test_a_spreadsheet_formula_is_defused_in_csv_but_exact_in_json(world):
    world.post.content = '=HYPERLINK("http://evil.example")'
    world.post.save()
    files = files_of(build_archive(world.course))
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(files["csv/posts.csv"]))}

    assert rows[str(world.post.pk)]["content"].startswith("'=")
    assert posts_of(files)[world.post.pk]["content"].startswith("=HYPERLINK")


def test_progress_is_reported_up_to_a_hundred(world):
    seen = []
    build_archive(world.course, progress=lambda percent, step: seen.append((percent, step)))

    assert seen[-1][0] == 100
    assert [percent for percent, _step in seen] == sorted(percent for percent, _step in seen)


def test_the_archive_reads_a_fixed_number_of_queries_whatever_the_posts(world):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            build_archive(world.course)
        return len(captured)

    before = queries()
    forum = world.post.topic.forum
    for index in range(3):
        post = course_post(
            forum, world.participant, content=f"Otro mensaje {index}.", language="es"
        )
        translate(post, "en", f"Another post {index}.")

    assert queries() == before
