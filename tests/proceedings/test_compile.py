"""Compiling the proceedings: who is quoted (consent, privacy), in which language, where
(chapters by theme, cells by region, the matrix), and in how many queries."""

from __future__ import annotations

import pytest
from wagtail.rich_text import RichText

from proceedings.compile import compile_proceedings
from proceedings.models import ProceedingsPage
from tests.factories import CaseStudyPageFactory
from tests.proceedings.compile_world import (
    ANA_ES,
    build_world,
    harvest,
    post_in,
    translation_of,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(course, organizer):
    return build_world(course, organizer)


def quoted_posts(proceedings) -> set[int]:
    return {quote.passage.post_id for quote in proceedings.quotes}


def test_only_consented_included_approved_and_shared_posts_are_quoted(world):
    proceedings = compile_proceedings(world.course, language="en")

    assert quoted_posts(proceedings) == {world.posts["ana"].pk, world.posts["louis"].pk}


@pytest.mark.parametrize(
    "left_out", ["sarah", "nina", "left_out", "unapproved", "hidden", "private"]
)
def test_each_excluded_post_is_in_no_chapter_cell_nor_annex(world, left_out):
    proceedings = compile_proceedings(world.course, language="fr")

    post = world.posts[left_out]
    in_cells = {
        quote.passage.post_id
        for chapter in proceedings.chapters
        for cell in chapter.cells
        for quote in cell.passages
    }
    assert post.pk not in in_cells
    assert post.pk not in quoted_posts(proceedings)


def test_private_community_posts_are_quoted_only_when_asked(world):
    proceedings = compile_proceedings(world.course, language="es", include_private=True)

    assert world.posts["private"].pk in quoted_posts(proceedings)
    # Still never: the unconsented, the unapproved, the hidden answer.
    for name in ("sarah", "nina", "unapproved", "hidden", "left_out"):
        assert world.posts[name].pk not in quoted_posts(proceedings)


def test_a_quote_is_in_the_readers_language_with_its_original_kept(world):
    proceedings = compile_proceedings(world.course, language="fr")

    quote = next(q for q in proceedings.quotes if q.passage == world.passages["ana"])
    assert quote.is_machine
    assert not quote.is_reviewed
    assert quote.target == "fr"
    assert translation_of(world.passages["ana"], "fr") in quote.text
    assert ANA_ES in quote.original_html
    assert quote.original_language == "es"
    assert quote.label == "Traduction automatique (original en espagnol)"


def test_a_quote_in_the_readers_own_language_is_shown_as_written(world):
    proceedings = compile_proceedings(world.course, language="fr")

    quote = next(q for q in proceedings.quotes if q.passage == world.passages["louis"])
    assert not quote.is_translated
    assert "La Ville de Montréal achète" in quote.text
    assert quote.label == ""


def test_a_passage_of_a_post_quotes_only_that_passage(world):
    post = post_in(
        world.posts["ana"].topic.forum,
        world.people["ana"],
        "Primera idea. Segunda idea sobre el crédito.",
        "es",
    )
    passage = harvest(
        world.course, post, text="Segunda idea sobre el crédito.", themes=[world.capital]
    )

    proceedings = compile_proceedings(world.course, language="es")

    quote = next(q for q in proceedings.quotes if q.passage == passage)
    assert "Segunda idea" in quote.text
    assert "Primera idea" not in quote.text


def test_attribution_follows_each_authors_consent(world):
    proceedings = compile_proceedings(world.course, language="es")

    by_post = {quote.passage.post_id: quote.attribution for quote in proceedings.quotes}
    assert by_post[world.posts["louis"].pk] == "Louis Bergeron"
    assert by_post[world.posts["ana"].pk] == "una persona participante de Ecuador"


def test_chapters_follow_the_pages_syntheses_then_the_other_themes(world):
    page = ProceedingsPage(
        title="Actas",
        slug="actas",
        syntheses=[
            ("theme", {"theme": world.procurement, "synthesis": RichText("<p>Compras.</p>")})
        ],
    )
    world.week.add_child(instance=page)

    proceedings = compile_proceedings(world.course, language="en", page=page)

    assert [chapter.theme for chapter in proceedings.chapters] == [
        world.procurement,
        world.capital,
    ]
    assert "Compras." in proceedings.chapters[0].synthesis_html
    assert proceedings.chapters[1].synthesis_html == ""


def test_a_chapters_cells_are_its_regions_with_their_quotes(world):
    proceedings = compile_proceedings(world.course, language="fr")

    capital = next(c for c in proceedings.chapters if c.theme == world.capital)
    cells = {cell.region: cell for cell in capital.cells}
    assert set(cells) == {world.ecuador, world.quebec}
    assert cells[world.ecuador].region_name == "Équateur"
    assert [q.passage for q in cells[world.ecuador].passages] == [world.passages["ana"]]
    assert [q.passage for q in cells[world.quebec].passages] == [world.passages["louis"]]
    assert capital.name == "Accès au capital"


def test_the_matrix_counts_quoted_passages_by_theme_and_region(world):
    proceedings = compile_proceedings(world.course, language="en", include_private=True)

    matrix = proceedings.matrix
    assert matrix.count(world.capital, world.ecuador) == 2  # Ana's post, the community's
    assert matrix.count(world.capital, world.quebec) == 1
    assert matrix.count(world.procurement, world.quebec) == 1
    assert matrix.count(world.procurement, world.ecuador) == 0
    assert [name for _region, name in matrix.regions] == ["Ecuador", "Quebec"]
    row = next(row for row in matrix.rows if row.theme == world.procurement)
    assert [cell.count for cell in row.cells] == [0, 1]


def test_quotes_are_numbered_once_for_the_annex(world):
    proceedings = compile_proceedings(world.course, language="en")

    assert [quote.number for quote in proceedings.quotes] == [1, 2]
    # Louis's passage is in two chapters, one number.
    numbers = {
        quote.passage.pk: quote.number
        for chapter in proceedings.chapters
        for cell in chapter.cells
        for quote in cell.passages
    }
    assert len(numbers) == 2


def test_case_studies_reflections_are_included_translated_with_their_themes(world):
    case_study = CaseStudyPageFactory(
        parent=world.week,
        policy_reflections="<p>Une loi-cadre sur l'économie sociale.</p>",
        live=True,
    )
    case_study.themes.set([world.capital])
    case_study.territory = world.quebec
    case_study.save()

    proceedings = compile_proceedings(world.course, language="fr")

    [item] = proceedings.case_studies
    assert "Une loi-cadre" in item.reflections_html
    assert item.territory_name == "Québec"
    assert item.theme_names == ["Accès au capital"]
    capital = next(c for c in proceedings.chapters if c.theme == world.capital)
    assert capital.case_studies == [item]


def test_a_page_may_leave_the_case_studies_out(world):
    CaseStudyPageFactory(parent=world.week, policy_reflections="<p>Reflexión.</p>", live=True)
    page = ProceedingsPage(title="Actas", slug="actas", include_case_studies=False)
    world.week.add_child(instance=page)

    assert compile_proceedings(world.course, language="es", page=page).case_studies == []


def test_compiling_takes_the_same_queries_for_two_or_twenty_passages(
    world, django_assert_max_num_queries, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        compile_proceedings(world.course, language="fr")
    forum = world.posts["ana"].topic.forum
    for index in range(18):
        post = post_in(forum, world.people["louis"], f"Idée numéro {index}.", "fr")
        harvest(world.course, post, themes=[world.capital], regions=[world.quebec])

    with django_assert_max_num_queries(len(few.captured_queries)):
        proceedings = compile_proceedings(world.course, language="fr")

    assert len(proceedings.quotes) == 20
