"""How a quote names its author: as they consented, in the proceedings' language."""

from __future__ import annotations

import pytest
from machina.test.factories import PostFactory, create_topic

from courses.enrollment import enroll
from courses.models import Role
from proceedings.attribution import attribution, attributions
from proceedings.models import Passage, QuoteConsent
from taxonomy.models import Region
from tests.proceedings.compile_world import person, review_name
from tests.translations.course_posts import week_forum

pytestmark = pytest.mark.django_db

Choice = QuoteConsent.Choice


@pytest.fixture
def ecuador():
    region = Region.objects.create(slug="ecuador", name="Ecuador", language_written="en")
    translator = person("translator", "es")
    review_name(region, "fr", "Équateur", translator)
    review_name(region, "es", "Ecuador", translator)
    return region


@pytest.fixture
def author(course):
    user = person("ana", "es", "Ana Morales")
    enroll(course=course, user=user, role=Role.PARTICIPANT)
    return user


@pytest.fixture
def passage(course, week, organizer, author):
    forum = week_forum(week, organizer)
    topic = create_topic(forum=forum, poster=author, subject="Crédito")
    post = PostFactory(topic=topic, poster=author, subject="Crédito", content="Crédito solidario.")
    return Passage.objects.create(course=course, post=post, language="es")


def consent(author, course, choice, region=None):
    QuoteConsent.objects.create(member=author, course=course, choice=choice, region=region)


@pytest.mark.parametrize("language", ["es", "fr", "en"])
def test_an_author_who_never_chose_is_not_quoted(passage, language):
    assert attribution(passage, language=language) is None


@pytest.mark.parametrize("language", ["es", "fr", "en"])
def test_an_author_who_said_no_is_not_quoted(passage, course, author, language):
    consent(author, course, Choice.NONE)

    assert attribution(passage, language=language) is None


@pytest.mark.parametrize("language", ["es", "fr", "en"])
def test_an_author_quoted_by_name_gets_their_display_name_in_every_language(
    passage, course, author, language
):
    consent(author, course, Choice.NAME)

    assert attribution(passage, language=language) == "Ana Morales"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "a participant from Ecuador"),
        ("es", "una persona participante de Ecuador"),
        ("fr", "une personne participante (Équateur)"),
    ],
)
def test_an_anonymous_participant_is_described_by_role_and_region(
    passage, course, author, ecuador, language, expected
):
    consent(author, course, Choice.ANONYMOUS, ecuador)

    assert attribution(passage, language=language) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "a key respondent from Ecuador"),
        ("es", "una persona ponente clave de Ecuador"),
        ("fr", "une personne intervenante clé (Équateur)"),
    ],
)
def test_an_anonymous_key_respondent_is_described_as_one(
    passage, course, author, ecuador, language, expected
):
    enroll(course=course, user=author, role=Role.KEY_RESPONDENT)
    consent(author, course, Choice.ANONYMOUS, ecuador)

    assert attribution(passage, language=language) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "an organizer"),
        ("es", "una persona organizadora"),
        ("fr", "une personne organisatrice"),
    ],
)
def test_an_anonymous_organizer_without_region(passage, course, author, language, expected):
    enroll(course=course, user=author, role=Role.ORGANIZER)
    consent(author, course, Choice.ANONYMOUS)

    assert attribution(passage, language=language) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "a participant"),
        ("es", "una persona participante"),
        ("fr", "une personne participante"),
    ],
)
def test_an_anonymous_author_without_region_is_a_participant(
    passage, course, author, language, expected
):
    consent(author, course, Choice.ANONYMOUS)

    assert attribution(passage, language=language) == expected


def test_a_consent_in_another_course_does_not_count(passage, author, home_page):
    from tests.factories import CoursePageFactory

    consent(author, CoursePageFactory(parent=home_page), Choice.NAME)

    assert attribution(passage, language="en") is None


def test_many_passages_take_a_fixed_number_of_queries(
    passage, course, author, ecuador, django_assert_max_num_queries
):
    consent(author, course, Choice.ANONYMOUS, ecuador)
    passages = [
        Passage.objects.create(course=course, post=passage.post, language="es") for _ in range(10)
    ]
    loaded = list(Passage.objects.filter(pk__in=[p.pk for p in passages]).select_related("post"))

    with django_assert_max_num_queries(6):
        named = attributions(loaded, language="fr")

    assert set(named.values()) == {"une personne participante (Équateur)"}
