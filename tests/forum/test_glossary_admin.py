"""Each course's glossary in the Wagtail admin: an organizer keeps only the courses they
organize; a superuser keeps them all."""

from __future__ import annotations

import pytest
from django.urls import reverse

from courses.enrollment import enroll
from courses.models import Role
from tests.factories import CoursePageFactory, UserFactory
from translations.models import GlossaryTerm

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_course(home_page):
    return CoursePageFactory(parent=home_page, title="Elsewhere course")


@pytest.fixture
def own_term(course):
    return GlossaryTerm.objects.create(
        course=course, term_en="public procurement", term_es="compra pública"
    )


@pytest.fixture
def other_term(other_course):
    return GlossaryTerm.objects.create(
        course=other_course, term_en="local currency", term_fr="monnaie locale"
    )


@pytest.fixture
def signed_in_organizer(client, organizer, other_course):
    """Organizer of `course` only; someone else organizes `other_course`."""
    enroll(course=other_course, user=UserFactory(), role=Role.ORGANIZER)
    client.force_login(organizer)
    return organizer


def term_form(course, **changes) -> dict:
    return {
        "course": course.pk,
        "term_es": "moneda social",
        "term_fr": "monnaie sociale",
        "term_en": "social currency",
        "note": "",
        **changes,
    }


def test_an_organizer_lists_only_the_terms_of_the_courses_they_organize(
    client, signed_in_organizer, own_term, other_term
):
    page = client.get(reverse("glossary:index")).content.decode()

    assert "compra pública" in page
    assert "monnaie locale" not in page


def test_the_listing_filter_offers_only_the_organizers_courses(
    client, signed_in_organizer, course, other_course, own_term
):
    page = client.get(reverse("glossary:index")).content.decode()

    assert f'value="{course.pk}"' in page
    assert "Elsewhere course" not in page


def test_a_superuser_lists_every_courses_terms(client, own_term, other_term):
    client.force_login(UserFactory(username="admin", is_superuser=True, is_staff=True))

    page = client.get(reverse("glossary:index")).content.decode()

    assert "compra pública" in page
    assert "monnaie locale" in page


def test_the_new_term_form_offers_only_the_organizers_courses(client, signed_in_organizer, course):
    page = client.get(reverse("glossary:add")).content.decode()

    assert f'<option value="{course.pk}"' in page
    assert "Elsewhere course" not in page


def test_an_organizer_adds_a_term_to_their_course(client, signed_in_organizer, course):
    response = client.post(reverse("glossary:add"), term_form(course))

    assert response.status_code == 302
    assert GlossaryTerm.objects.get(term_en="social currency").course_id == course.pk


def test_a_forged_post_adding_a_term_to_another_course_is_rejected(
    client, signed_in_organizer, other_course
):
    response = client.post(reverse("glossary:add"), term_form(other_course))

    assert response.status_code == 200  # the form again, with its error
    assert "course" in response.context["form"].errors
    assert not GlossaryTerm.objects.filter(term_en="social currency").exists()


def test_an_organizer_edits_a_term_of_their_course(client, signed_in_organizer, course, own_term):
    response = client.post(reverse("glossary:edit", args=[own_term.pk]), term_form(course))

    assert response.status_code == 302
    own_term.refresh_from_db()
    assert own_term.term_en == "social currency"


def test_a_forged_post_moving_a_term_to_another_course_is_rejected(
    client, signed_in_organizer, course, other_course, own_term
):
    response = client.post(reverse("glossary:edit", args=[own_term.pk]), term_form(other_course))

    assert response.status_code == 200
    own_term.refresh_from_db()
    assert own_term.course_id == course.pk
    assert own_term.term_en == "public procurement"


@pytest.mark.parametrize("view", ["edit", "delete", "copy", "history", "usage"])
def test_another_courses_term_is_not_found_at_its_direct_url(
    client, signed_in_organizer, other_term, view
):
    response = client.get(reverse(f"glossary:{view}", args=[other_term.pk]))

    assert response.status_code == 404


def test_a_forged_post_editing_another_courses_term_changes_nothing(
    client, signed_in_organizer, other_course, other_term
):
    response = client.post(reverse("glossary:edit", args=[other_term.pk]), term_form(other_course))

    assert response.status_code == 404
    other_term.refresh_from_db()
    assert other_term.term_en == "local currency"


def test_an_organizer_deletes_a_term_of_their_course(client, signed_in_organizer, own_term):
    response = client.post(reverse("glossary:delete", args=[own_term.pk]))

    assert response.status_code == 302
    assert not GlossaryTerm.objects.filter(pk=own_term.pk).exists()


def test_another_courses_term_cannot_be_deleted(client, signed_in_organizer, other_term):
    response = client.post(reverse("glossary:delete", args=[other_term.pk]))

    assert response.status_code == 404
    assert GlossaryTerm.objects.filter(pk=other_term.pk).exists()


def test_an_organizer_gives_a_terms_plural_and_gender(client, signed_in_organizer, course):
    form = term_form(
        course,
        term_es="red",
        plural_es="redes",
        gender_es="f",
        term_fr="réseau",
        plural_fr="réseaux",
        gender_fr="m",
        plural_en="social currencies",
    )

    response = client.post(reverse("glossary:add"), form)

    assert response.status_code == 302
    term = GlossaryTerm.objects.get(term_es="red")
    assert (term.plural("es"), term.gender("es")) == ("redes", "f")
    assert (term.plural("fr"), term.gender("fr")) == ("réseaux", "m")
    assert term.plural("en") == "social currencies"


def test_the_term_form_offers_the_genders(client, signed_in_organizer):
    page = client.get(reverse("glossary:add")).content.decode()

    assert 'name="gender_es"' in page
    assert 'name="gender_fr"' in page
    assert 'name="plural_en"' in page


def test_a_plural_without_its_term_is_refused(client, signed_in_organizer, course):
    response = client.post(
        reverse("glossary:add"), term_form(course, term_fr="", plural_fr="monnaies sociales")
    )

    assert response.status_code == 200
    assert "plural_fr" in response.context["form"].errors
    assert not GlossaryTerm.objects.filter(term_en="social currency").exists()
