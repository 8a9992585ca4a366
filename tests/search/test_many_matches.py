"""A word found in very many posts: only the newest `fulltext.MAX_MATCHES` that the reader
may see are ranked and counted, and the reader is told that more match (in their language).
The limit is lowered here so that a handful of posts goes past it."""

from __future__ import annotations

import pytest
from machina.core.db.models import get_model

from forum import fulltext
from forum.models import SearchDocument
from tests.forum.helpers import course_forum, grant, member
from tests.search.helpers import SEARCH, found, translated, written

Post = get_model("forum_conversation", "Post")

pytestmark = pytest.mark.django_db


@pytest.fixture
def forum():
    return course_forum()


@pytest.fixture
def limit(monkeypatch):
    monkeypatch.setattr(fulltext, "MAX_MATCHES", 3)
    return 3


def shown(html: str, posts) -> list[int]:
    return [post.pk for post in posts if f'data-post="{post.pk}"' in html]


def reading(client, forum, language: str):
    person = member(language)
    grant(person, forum)
    client.force_login(person)
    return person


def test_only_the_newest_matches_are_ranked_best_first(client, forum, limit):
    reading(client, forum, "es")
    oldest = written(forum, "Cooperativa, cooperativa y cooperativa.")  # the best, but old
    newer = [written(forum, f"Una cooperativa {number}.") for number in range(2)]
    best_of_newest = written(forum, "La cooperativa y otra cooperativa.")

    response = client.get(SEARCH, {"q": "cooperativa"})
    html = response.content.decode()

    assert shown(html, [oldest, *newer, best_of_newest]) == [
        post.pk for post in (*newer, best_of_newest)
    ]
    assert html.index(f'data-post="{best_of_newest.pk}"') < html.index(f'data-post="{newer[0].pk}"')
    assert response.context["page_obj"].paginator.count == limit
    assert response.context["more_results"] is True


@pytest.mark.usefixtures("compiled_catalogs")
@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("en", "More than 3 posts found: the best matches among the 3 most recent are shown."),
        (
            "es",
            "Más de 3 mensajes encontrados: se muestran los que mejor coinciden entre los 3 "
            "más recientes.",
        ),
        (
            "fr",
            "Plus de 3 messages trouvés : voici ceux qui correspondent le mieux parmi les 3 "
            "plus récents.",
        ),
    ],
)
def test_the_reader_is_told_more_posts_match_in_their_language(
    client, forum, limit, language, said
):
    reading(client, forum, language)
    for number in range(limit + 1):
        written(forum, f"Cooperativa {number}.")

    assert said in found(client, "cooperativa")


def test_as_many_matches_as_the_limit_are_counted_as_usual(client, forum, limit):
    reading(client, forum, "en")
    posts = [written(forum, f"Cooperativa {number}.") for number in range(limit)]

    response = client.get(SEARCH, {"q": "cooperativa"})
    html = response.content.decode()

    assert len(shown(html, posts)) == limit
    assert response.context["more_results"] is False
    assert "3 posts found." in html
    assert "More than" not in html


def test_posts_the_reader_may_not_see_do_not_take_the_places(client, forum, limit):
    """The newest matching posts are in a forum the reader cannot read: the reader's own
    older match is still found, and counted alone."""
    reading(client, forum, "en")
    mine = written(forum, "Cooperativa del curso.")
    elsewhere = course_forum()
    for number in range(limit + 2):
        written(elsewhere, f"Cooperativa ajena {number}.")

    response = client.get(SEARCH, {"q": "cooperativa"})

    assert shown(response.content.decode(), [mine]) == [mine.pk]
    assert response.context["page_obj"].paginator.count == 1
    assert response.context["more_results"] is False


def test_the_count_goes_one_past_the_limit_and_no_further(forum, limit):
    for number in range(limit + 3):
        written(forum, f"Cooperativa {number}.")

    matches = fulltext.match(SearchDocument.Kind.POST, "cooperativa", limit=20)

    assert matches.total == limit + 1
    assert matches.more
    assert matches.ranked == limit
    assert len(matches.found) == limit


def test_excerpts_are_made_for_the_versions_asked_for_only(forum):
    post = written(forum, "La cooperativa del barrio.")
    SearchDocument.objects.create(
        kind=SearchDocument.Kind.POST,
        object_id=post.pk,
        language="fr",
        title="Un sujet",
        body="La coopérative du quartier.",
    )

    marked = fulltext.excerpts(SearchDocument.Kind.POST, "cooperativa", [(post.pk, "fr")])

    assert list(marked) == [(post.pk, "fr")]
    assert "<mark>" in marked[post.pk, "fr"]


def test_a_page_past_the_ranked_ones_shows_the_last_of_them(client, forum, limit):
    reading(client, forum, "en")
    for number in range(limit + 1):
        written(forum, f"Cooperativa {number}.")

    response = client.get(SEARCH, {"q": "cooperativa", "page": "999999"})

    assert response.status_code == 200
    assert response.context["page_obj"].number == 1  # 3 ranked: one page of 20


@pytest.fixture
def posts_to_read(forum, limit):
    """Matching posts among others, some translated (several rows an object), some in a
    forum the reader cannot read."""
    elsewhere = course_forum()
    for number in range(12):
        if number % 3 == 0:
            written(forum, f"Un huerto {number}.")
        post = written(elsewhere if number % 4 == 1 else forum, f"Cooperativa {number}.")
        if number % 2:
            translated(post, "fr", f"Coopérative {number}.")
            translated(post, "en", f"Cooperative {number}.")
    return Post.approved_objects.filter(topic__forum=forum)


def read_with(monkeypatch, allowed, **constants) -> tuple[fulltext.Matches, list[str]]:
    """The match, read with ``constants`` of forum.fulltext, and the ways it was read."""
    for name, value in constants.items():
        monkeypatch.setattr(fulltext, name, value)
    ways: list[str] = []
    for name in ("_newest_objects", "_indexed_rows", "_seen_rows"):
        real = getattr(fulltext, name)

        def spy(*args, _real=real, _name=name, **kwargs):
            ways.append(_name)
            return _real(*args, **kwargs)

        monkeypatch.setattr(fulltext, name, spy)
    matches = fulltext.match(SearchDocument.Kind.POST, "cooperativa", allowed=allowed, limit=20)
    monkeypatch.undo()
    return matches, ways


@pytest.mark.parametrize(
    ("constants", "ways_on_postgresql"),
    [
        # The newest rows first, then more of them: the share found says how many.
        ({"FIRST_ROWS": 4, "WORD_INDEX_COST": 10**6, "FEW_SEEN": 0}, ["_newest_objects"]),
        # The newest rows first, then the word index (the words are rare among them).
        ({"FIRST_ROWS": 4, "WORD_INDEX_COST": 0, "FEW_SEEN": 0}, ["_indexed_rows"]),
        # More of the newest rows did not hold enough: the word index below them.
        (
            {"FIRST_ROWS": 4, "WORD_INDEX_COST": 10**6, "MARGIN": 0.01, "FEW_SEEN": 0},
            ["_newest_objects", "_indexed_rows"],
        ),
        # The reader may see few of the posts found: the rows of those they may see.
        (
            {"FIRST_ROWS": 4, "WORD_INDEX_COST": 10**6, "MARGIN": 10**6, "FEW_SEEN": 1.01},
            ["_seen_rows"],
        ),
    ],
)
def test_every_way_of_reading_finds_the_same_page_and_count(
    monkeypatch, limit, posts_to_read, constants, ways_on_postgresql
):
    whole, _ways = read_with(monkeypatch, posts_to_read, MAX_MATCHES=limit, FIRST_ROWS=10**6)
    matches, ways = read_with(monkeypatch, posts_to_read, MAX_MATCHES=limit, **constants)

    assert matches == whole
    assert whole.total == limit + 1
    assert len(whole.found) == limit
    assert ways == (ways_on_postgresql if fulltext.postgresql() else [])
