"""The directory lists the members who show their profile, filtered by territory (regions
within it included), theme, language read and words, using only what each member shows."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.directory.helpers import profiled, vocabulary
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

INDEX = reverse("directory:index")


@pytest.fixture
def terms():
    return vocabulary()


@pytest.fixture
def people(terms):
    return {
        "ana": profiled(
            "ana", territory=terms["bolivia"], themes=[terms["finance"]],
            preferred_language="es", organisation="Cooperativa Integral", expertise="Crédito rural",
        ),
        "luc": profiled(
            "luc", territory=terms["quebec"], themes=[terms["procurement"]],
            preferred_language="fr", reads_languages=["en"],
            organisation="Chantier de l'économie sociale", expertise="Marchés publics",
        ),
        "joe": profiled(
            "joe", territory=terms["canada"], themes=[terms["finance"], terms["procurement"]],
            preferred_language="en", organisation="Community Fund", expertise="Impact investing",
        ),
        # Shows neither territory, themes, languages nor organisation: no filter finds her.
        "eva": profiled(
            "eva", territory=terms["quebec"], themes=[terms["finance"]], preferred_language="fr",
            organisation="Caisse Québec", expertise="Finance solidaire", show_territory=False,
            show_themes=False, show_languages=False, show_organisation=False, show_expertise=False,
        ),
    }  # fmt: skip


def listed(client, **query) -> set[str]:
    response = client.get(INDEX, query)
    assert response.status_code == 200
    return {profile.user.username for profile in response.context["profiles_shown"]}


@pytest.fixture
def reader(client):
    """A member whose own profile is hidden (so that it is in no list)."""
    client.force_login(profiled("reader", visibility="hidden").user)
    return client


def test_without_filters_every_member_who_shows_a_profile_is_listed(reader, people):
    assert listed(reader) == {"ana", "luc", "joe", "eva"}


def test_a_territory_finds_its_members_and_those_of_the_regions_within_it(reader, people):
    assert listed(reader, territory="canada") == {"luc", "joe"}
    assert listed(reader, territory="quebec") == {"luc"}
    assert listed(reader, territory="bolivia") == {"ana"}


def test_a_theme_finds_the_members_who_show_it(reader, people):
    assert listed(reader, theme="finance") == {"ana", "joe"}
    assert listed(reader, theme="procurement") == {"luc", "joe"}


def test_a_language_finds_those_who_prefer_or_read_it(reader, people):
    assert listed(reader, language="en") == {"luc", "joe"}
    assert listed(reader, language="fr") == {"luc"}


def test_words_ignore_case_and_accents_in_names_organisations_and_expertise(reader, people):
    assert listed(reader, q="ECONOMIE") == {"luc"}
    assert listed(reader, q="credito") == {"ana"}
    assert listed(reader, q="Joe") == {"joe"}
    assert listed(reader, q="québec") == set()  # Eva keeps her organisation to herself
    assert listed(reader, q="solidaire") == set()  # and her expertise


def test_filters_combine(reader, people):
    assert listed(reader, territory="canada", theme="finance") == {"joe"}
    assert listed(reader, territory="canada", language="fr", q="marches") == {"luc"}
    assert listed(reader, theme="finance", language="es") == {"ana"}


def test_an_unknown_filter_value_is_an_error_not_a_crash(reader, people):
    response = reader.get(INDEX, {"territory": "atlantis"})

    assert response.status_code == 200
    assert response.context["filters"].errors


def test_visitors_see_only_public_profiles_and_nobody_sees_hidden_ones(client, people):
    profiled("pia", visibility="public")
    profiled("hal", visibility="hidden")

    assert listed(client) == {"pia"}
    client.force_login(UserFactory(username="staff", is_staff=True))
    assert "hal" not in listed(client)
    assert {"pia", "ana"} <= listed(client)


def test_the_filter_form_is_labelled_and_names_terms_in_the_reader_language(reader, people):
    html = reader.get(INDEX).content.decode()

    assert '<label for="id_territory">' in html
    assert '<label for="id_q">' in html
    assert "<search" in html
    assert 'href="/members/ana/"' in html


def test_a_page_asks_the_same_number_of_queries_for_5_or_50_members(
    reader, terms, django_assert_max_num_queries
):
    def add(start: int, stop: int) -> None:
        for number in range(start, stop):
            profiled(
                f"member{number}", territory=terms["quebec"], themes=[terms["finance"]],
                organisation=f"Org {number}",
            )  # fmt: skip

    add(0, 5)
    reader.get(INDEX)  # warm the session and the forum grants
    with django_assert_max_num_queries(20) as small:
        reader.get(INDEX, {"territory": "canada"})
    add(5, 50)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = reader.get(INDEX, {"territory": "canada"})
    assert len(response.context["profiles_shown"]) == 24


def test_the_directory_speaks_the_interface_language(client, people, compiled_catalogs):
    client.cookies["django_language"] = "fr"

    html = client.get(INDEX, headers={"accept-language": "fr"}).content.decode()

    assert "Trouver des membres" in html
    assert "Toute langue" in html


def test_a_member_who_never_chose_is_listed_to_nobody(client, reader, people):
    from members.profiles import get_profile

    get_profile(UserFactory(username="quiet"))

    assert "quiet" not in listed(reader)
    assert reader.get(reverse("directory:profile", args=["quiet"])).status_code == 404
