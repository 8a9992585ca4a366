"""Rights stop at the course for the shared themes and regions: an organizer renames or
deletes a term only when every use of it is in courses they organize; a term another course
or anything beyond courses (a community, a profile, an alert) uses is a superuser's to change.
Every admin path is checked through real HTTP (listing, edit, delete, bulk delete, chooser),
and a refused organizer loses nothing: the term, the other course's tags and its synthesis
chapter stay."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import translation
from wagtail.rich_text import RichText

from courses.enrollment import enroll
from courses.models import Role
from forum.models import CommunityOfPractice
from members.profiles import get_profile
from notifications.models import NotificationSettings
from proceedings.models import Passage, ProceedingsPage
from proceedings.vocabulary_rights import VocabularyPermissionPolicy, term_uses
from taxonomy.models import Region, Theme
from tests.factories import CoursePageFactory, UserFactory, WeekPageFactory
from tests.notifications.alert_helpers import region, theme
from tests.proceedings.compile_world import harvest, post_in
from tests.translations.course_posts import week_forum

pytestmark = pytest.mark.django_db


@pytest.fixture
def capital(course, week, organizer):
    """Access to capital, used by course A (the `course` fixture) only: in its selection, a
    harvested passage and the published synthesis chapter of its proceedings."""
    capital = theme("access-to-capital", "Access to capital")
    course.themes.add(capital)
    course.save_revision(user=organizer).publish(user=organizer)
    post = post_in(week_forum(week, organizer), organizer, "Crédito solidario.", "es")
    harvest(course, post, themes=[capital])
    page = ProceedingsPage(
        title="Proceedings",
        slug="proceedings",
        language_written="en",
        syntheses=[("theme", {"theme": capital, "synthesis": RichText("<p>Credit.</p>")})],
    )
    week.add_child(instance=page)
    page.save_revision(user=organizer).publish(user=organizer)
    return capital


@pytest.fixture
def organizer_b(home_page):
    """The organizer of another course, B."""
    course_b = CoursePageFactory(parent=home_page)
    WeekPageFactory(parent=course_b)
    user = UserFactory(username="organizer-b")
    enroll(course=course_b, user=user, role=Role.ORGANIZER)
    return user


@pytest.fixture
def superuser():
    return UserFactory(username="admin", is_superuser=True, is_staff=True)


def url(term, action: str) -> str:
    return reverse(f"wagtailsnippets_taxonomy_{term._meta.model_name}:{action}", args=[term.pk])


def rename(client, term, name: str):
    data = {"name": name, "slug": term.slug, "language_written": "en"}
    if isinstance(term, Region):
        data["parent"] = ""
    return client.post(url(term, "edit"), data)


def bulk_delete_url(term) -> str:
    return f"/admin/bulk/taxonomy/{term._meta.model_name}/delete/?id={term.pk}&next=/admin/"


def bulk_delete(client, term):
    return client.post(bulk_delete_url(term))


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def assert_course_a_keeps(capital, name: str = "Access to capital") -> None:
    capital.refresh_from_db()
    assert capital.name == name
    assert Passage.objects.filter(themes=capital).count() == 1
    page = ProceedingsPage.objects.get()
    assert page.syntheses[0].value["theme"] == capital
    assert page.get_latest_revision_as_object().syntheses[0].value["theme"] == capital


# --- Where a term is used -------------------------------------------------------------------


def test_every_use_of_a_theme_in_a_course_names_that_course(course, capital):
    uses = term_uses(Theme, [capital.pk])[capital.pk]

    assert (uses.courses, uses.beyond) == ({course.pk}, set())


def test_a_synthesis_chapter_alone_is_a_use_by_its_course(course, capital):
    course.themes.clear()
    course.save()
    Passage.objects.all().delete()

    assert term_uses(Theme, [capital.pk])[capital.pk].courses == {course.pk}


def test_communities_beyond_courses_profiles_alerts_and_inner_regions_are_uses_beyond(db):
    canada = region("canada", "Canada")
    quebec = region("quebec", "Quebec", parent=canada)
    ecuador = region("ecuador", "Ecuador")
    housing = theme("housing", "Housing")
    CommunityOfPractice.objects.create(name="Housing co-ops", region=ecuador).themes.add(housing)
    profile = get_profile(UserFactory())
    profile.territory = quebec
    profile.save()
    NotificationSettings.objects.create(user=UserFactory()).alert_themes.add(housing)

    regions = term_uses(Region, [canada.pk, quebec.pk, ecuador.pk])
    themes = term_uses(Theme, [housing.pk])

    assert regions[canada.pk].beyond == {"regions"}
    assert regions[quebec.pk].beyond == {"profiles"}
    assert regions[ecuador.pk].beyond == {"communities of practice"}
    assert themes[housing.pk].beyond == {"communities of practice", "notification settings"}


# --- The organizer of the course that uses it -----------------------------------------------


def test_the_organizer_of_the_only_course_using_a_theme_renames_it(client, organizer, capital):
    client.force_login(organizer)

    assert client.get(url(capital, "edit")).status_code == 200
    response = rename(client, capital, "Access to credit")

    assert response.status_code == 302
    capital.refresh_from_db()
    assert capital.name == "Access to credit"


def test_the_organizer_of_the_only_course_using_a_theme_may_delete_it(client, organizer, capital):
    client.force_login(organizer)

    assert client.get(url(capital, "delete")).status_code == 200
    client.post(url(capital, "delete"))

    assert not Theme.objects.filter(pk=capital.pk).exists()


def test_any_organizer_adds_a_theme(client, organizer_b):
    client.force_login(organizer_b)

    client.post(
        reverse("wagtailsnippets_taxonomy_theme:add"),
        {"name": "Housing", "slug": "housing", "language_written": "en"},
    )

    assert Theme.objects.filter(slug="housing").exists()


# --- The organizer of another course --------------------------------------------------------


def test_another_courses_organizer_is_sent_back_from_the_edit_form_with_the_reason(
    client, organizer_b, capital
):
    client.force_login(organizer_b)

    response = client.get(url(capital, "edit"))

    assert response.status_code == 302
    assert response.url == reverse("wagtailsnippets_taxonomy_theme:list")
    assert messages_of(response) == [
        "“Access to capital” is also used by a course you do not organize: only an "
        "administrator can rename or delete it. Nothing was changed."
    ]


def test_another_courses_organizer_cannot_rename_a_theme_the_course_uses(
    client, organizer_b, capital
):
    client.force_login(organizer_b)

    response = rename(client, capital, "Renamed by B")

    assert response.status_code == 302
    assert messages_of(response)
    assert_course_a_keeps(capital)


@pytest.mark.parametrize("method", ["get", "post"])
def test_another_courses_organizer_cannot_delete_a_theme_the_course_uses(
    client, organizer_b, capital, method
):
    client.force_login(organizer_b)

    response = getattr(client, method)(url(capital, "delete"))

    assert response.status_code == 302
    assert "a course you do not organize" in messages_of(response)[0]
    assert_course_a_keeps(capital)


def test_another_courses_organizer_cannot_bulk_delete_a_theme_the_course_uses(
    client, organizer_b, capital
):
    client.force_login(organizer_b)

    confirmation = client.get(bulk_delete_url(capital)).content.decode()
    bulk_delete(client, capital)

    # Wagtail's confirmation lists it among the items the user may not delete.
    assert "You don't have permission to delete this" in confirmation.replace("&#x27;", "'")
    assert "Access to capital" in confirmation
    assert_course_a_keeps(capital)


def test_the_listing_links_only_the_themes_the_organizer_may_change(client, organizer_b, capital):
    free = theme("housing", "Housing")
    client.force_login(organizer_b)

    html = client.get(reverse("wagtailsnippets_taxonomy_theme:list")).content.decode()

    assert "Access to capital" in html
    assert url(capital, "edit") not in html
    assert url(capital, "delete") not in html
    assert url(free, "edit") in html


def test_another_courses_organizer_may_still_choose_the_theme(client, organizer_b, capital):
    client.force_login(organizer_b)

    response = client.get(reverse("wagtailsnippetchoosers_taxonomy_theme:choose"))

    assert response.status_code == 200
    assert "Access to capital" in response.json()["html"]


def test_the_policy_lists_the_themes_the_organizer_may_change(organizer, organizer_b, capital):
    free = theme("housing", "Housing")
    policy = VocabularyPermissionPolicy(Theme)

    for_b = policy.instances_user_has_permission_for(organizer_b, "change")
    for_a = policy.instances_user_has_permission_for(organizer, "delete")

    assert list(for_b) == [free]
    assert set(for_a) == {capital, free}


# --- Superusers -------------------------------------------------------------------------------


def test_a_superuser_renames_and_deletes_a_theme_a_course_uses(client, superuser, capital):
    client.force_login(superuser)

    rename(client, capital, "Access to credit")
    capital.refresh_from_db()
    assert capital.name == "Access to credit"

    client.post(url(capital, "delete"))
    assert not Theme.objects.filter(pk=capital.pk).exists()


def test_a_superuser_bulk_deletes_a_theme_a_course_uses(client, superuser, capital):
    client.force_login(superuser)

    bulk_delete(client, capital)

    assert not Theme.objects.filter(pk=capital.pk).exists()


# --- Uses beyond courses ----------------------------------------------------------------------


@pytest.fixture
def ecuador(course, organizer):
    """In course A's selection, and the region of a community outside every course."""
    ecuador = region("ecuador", "Ecuador")
    course.regions.add(ecuador)
    course.save()
    CommunityOfPractice.objects.create(name="Andean co-ops", region=ecuador)
    return ecuador


def test_a_region_a_community_beyond_courses_uses_is_not_the_organizers_to_change(
    client, organizer, ecuador
):
    client.force_login(organizer)

    response = rename(client, ecuador, "Ecuador (renamed)")
    client.post(url(ecuador, "delete"))

    assert messages_of(response) == [
        "“Ecuador” is also used beyond courses (communities of practice): only an "
        "administrator can rename or delete it. Nothing was changed."
    ]
    ecuador.refresh_from_db()
    assert ecuador.name == "Ecuador"
    assert CommunityOfPractice.objects.get().region == ecuador


def test_a_theme_a_members_alert_follows_is_changed_only_by_a_superuser(
    client, organizer, superuser
):
    housing = theme("housing", "Housing")
    NotificationSettings.objects.create(user=UserFactory()).alert_themes.add(housing)
    client.force_login(organizer)
    rename(client, housing, "Social housing")
    housing.refresh_from_db()
    assert housing.name == "Housing"

    client.force_login(superuser)
    rename(client, housing, "Social housing")

    housing.refresh_from_db()
    assert housing.name == "Social housing"


def test_a_region_on_a_profile_is_changed_only_by_a_superuser(client, organizer, superuser):
    quebec = region("quebec", "Quebec")
    profile = get_profile(UserFactory())
    profile.territory = quebec
    profile.save()
    client.force_login(organizer)

    client.post(url(quebec, "delete"))
    assert Region.objects.filter(pk=quebec.pk).exists()

    client.force_login(superuser)
    client.post(url(quebec, "delete"))
    assert not Region.objects.filter(pk=quebec.pk).exists()


# --- In the organizer's language ------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "es",
            "«Access to capital» también lo usa un curso que usted no organiza: solo un "
            "administrador puede cambiarle el nombre o eliminarlo. No se cambió nada.",
        ),
        (
            "fr",
            "« Access to capital » est aussi utilisé par un cours que vous n’organisez pas : "
            "seul un administrateur peut le renommer ou le supprimer. Rien n’a été modifié.",
        ),
    ],
)
def test_the_refusal_is_in_the_organizers_language(
    client, organizer_b, capital, compiled_catalogs, language, expected
):
    profile = get_profile(organizer_b)
    profile.preferred_language = language
    profile.save()
    client.force_login(organizer_b)

    response = client.post(url(capital, "delete"))

    assert messages_of(response) == [expected]
    assert Theme.objects.filter(pk=capital.pk).exists()


def test_the_uses_beyond_courses_are_named_in_the_organizers_language(
    organizer, ecuador, compiled_catalogs
):
    with translation.override("fr"):
        reason = VocabularyPermissionPolicy(Region).refusal(organizer, ecuador)

    assert reason is not None
    assert reason.startswith("« Ecuador » est aussi utilisé hors des cours (communautés")
