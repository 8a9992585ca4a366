"""Wagtail's Site history report: an organizer sees the log entries of the enrollments,
communities and glossary terms of the courses they organize, never another course's; a
superuser sees them all."""

from __future__ import annotations

import csv
import io
import re

import openpyxl
import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from wagtail.log_actions import log

from courses.enrollment import enroll
from courses.models import Role
from forum.communities import create_community
from tests.factories import CoursePageFactory, UserFactory
from translations.models import GlossaryTerm

pytestmark = pytest.mark.django_db

SITE_HISTORY = "wagtailadmin_reports:site_history"
SITE_HISTORY_RESULTS = "wagtailadmin_reports:site_history_results"


@pytest.fixture
def other_course(home_page):
    return CoursePageFactory(parent=home_page, title="Elsewhere course")


@pytest.fixture
def other_organizer(other_course):
    user = UserFactory(username="bea_elsewhere")
    enroll(course=other_course, user=user, role=Role.ORGANIZER)
    return user


@pytest.fixture
def signed_in_organizer(client, organizer, other_organizer):
    """Organizer of `course` only; `other_organizer` organizes `other_course`."""
    client.force_login(organizer)
    return organizer


@pytest.fixture
def signed_in_superuser(client):
    user = UserFactory(username="admin", is_superuser=True, is_staff=True)
    client.force_login(user)
    return user


def logged_rows(course, actor, suffix: str) -> dict:
    """An enrollment, a community and a glossary term of `course`, each logged as created.

    Every label carries `suffix`, so a page shows whether the entry is listed."""
    rows = {
        "enrollment": enroll(
            course=course, user=UserFactory(username=f"member_{suffix}"), role=Role.PARTICIPANT
        ),
        "community": create_community(course=course, name=f"Community {suffix}", members=[]),
        "glossary term": GlossaryTerm.objects.create(course=course, term_en=f"term {suffix}"),
    }
    for row in rows.values():
        log(instance=row, action="wagtail.create", user=actor)
    return rows


@pytest.fixture
def own_rows(course, organizer):
    return logged_rows(course, organizer, "own")


@pytest.fixture
def other_rows(other_course, other_organizer):
    return logged_rows(other_course, other_organizer, "elsewhere")


def report(client, url_name: str = SITE_HISTORY, **params) -> str:
    response = client.get(reverse(url_name), params)
    assert response.status_code == 200
    return response.content.decode()


def select_options(page: str, name: str) -> set[str]:
    """The option values of the filter named `name` on the report page."""
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', page, re.DOTALL)
    assert select is not None, f"no {name} filter on the page"
    return set(re.findall(r'<option value="([^"]*)"', select.group(1)))


KINDS = ["enrollment", "community", "glossary term"]
LABELS = {"enrollment": "member_{}", "community": "Community {}", "glossary term": "term {}"}


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("url_name", [SITE_HISTORY, SITE_HISTORY_RESULTS])
def test_an_organizer_sees_the_entries_of_their_courses_rows_only(
    client, signed_in_organizer, own_rows, other_rows, kind, url_name
):
    page = report(client, url_name)

    assert LABELS[kind].format("own") in page
    assert LABELS[kind].format("elsewhere") not in page


@pytest.mark.parametrize("kind", KINDS)
def test_a_superuser_sees_the_entries_of_every_courses_rows(
    client, signed_in_superuser, own_rows, other_rows, kind
):
    page = report(client)

    assert LABELS[kind].format("own") in page
    assert LABELS[kind].format("elsewhere") in page


def test_the_csv_export_leaves_out_another_courses_entries(
    client, signed_in_organizer, own_rows, other_rows
):
    response = client.get(reverse(SITE_HISTORY), {"export": "csv"})
    content = b"".join(response.streaming_content).decode()
    names = [row["Name"] for row in csv.DictReader(io.StringIO(content))]

    assert "Community own" in names
    assert not any("elsewhere" in name for name in names)


def test_the_xlsx_export_leaves_out_another_courses_entries(
    client, signed_in_organizer, own_rows, other_rows
):
    response = client.get(reverse(SITE_HISTORY), {"export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    cells = [str(cell) for row in sheet.iter_rows(values_only=True) for cell in row]

    assert any("Community own" in cell for cell in cells)
    assert not any("elsewhere" in cell for cell in cells)


def test_the_type_filter_offers_no_type_that_only_another_course_has_entries_of(
    client, signed_in_organizer, other_rows
):
    types = select_options(report(client), "object_type")

    assert str(ContentType.objects.get_for_model(GlossaryTerm).pk) not in types


def test_entries_of_a_deleted_row_are_hidden_from_organizers(client, signed_in_organizer, own_rows):
    """Wagtail's entries do not say which course a row was in; once it is gone, nothing does."""
    community = own_rows["community"]
    log(instance=community, action="wagtail.delete", user=signed_in_organizer)
    community.delete()

    page = report(client)

    assert "Community own" not in page
    assert "member_own" in page


def test_a_superuser_sees_the_entries_of_a_deleted_row(
    client, signed_in_superuser, organizer, own_rows
):
    community = own_rows["community"]
    log(instance=community, action="wagtail.delete", user=organizer)
    community.delete()

    page = report(client)

    assert "Community own" in page
