"""The page a path under the home page leads to, kept between requests (cms/kept_routes.py):
read once, and read again as soon as a page is published, unpublished, renamed, moved or
deleted. Who may see the page is still asked on every request."""

from __future__ import annotations

import pytest
from django.http import Http404
from django.test import RequestFactory

from tests.factories import WeekPageFactory
from tests.forum.participation_helpers import publish

# Committed, as in production: the generation moves on at commit, and a transaction that
# wrote a page reads the database. Serialized: a plain flush would re-create machina's
# permission rows and break the next test that restores the serialized database.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def route(home_page, *slugs):
    return home_page.specific.route(RequestFactory().get("/"), list(slugs)).page


@pytest.fixture
def week(course):
    return publish(WeekPageFactory(parent=course, questions=[]))


def test_a_path_is_walked_once(
    shared_file_cache, home_page, course, week, django_assert_num_queries
):
    assert route(home_page, course.slug, week.slug) == week

    with django_assert_num_queries(0):
        found = route(home_page, course.slug, week.slug)
    assert found == week
    assert type(found).__name__ == "WeekPage"


def test_an_unpublished_week_is_not_found_at_once(shared_file_cache, home_page, course, week):
    assert route(home_page, course.slug, week.slug) == week

    week.unpublish()

    with pytest.raises(Http404):
        route(home_page, course.slug, week.slug)


def test_a_renamed_week_is_found_at_its_new_address_only(
    shared_file_cache, home_page, course, week
):
    old_slug = week.slug
    assert route(home_page, course.slug, old_slug) == week

    week.slug = "semana-uno"
    publish(week)

    assert route(home_page, course.slug, "semana-uno") == week
    with pytest.raises(Http404):
        route(home_page, course.slug, old_slug)


def test_a_week_moved_to_another_course_is_found_there(shared_file_cache, home_page, course, week):
    from tests.factories import CoursePageFactory

    other = CoursePageFactory(parent=home_page, title="Otro curso")
    assert route(home_page, course.slug, week.slug) == week

    week.move(other, pos="last-child")

    assert route(home_page, other.slug, week.slug) == week
    with pytest.raises(Http404):
        route(home_page, course.slug, week.slug)


def test_a_private_week_stays_private_when_its_route_is_kept(
    shared_file_cache, client, course, week
):
    from wagtail.models import PageViewRestriction

    assert client.get(week.url).status_code == 200
    PageViewRestriction.objects.create(page=week, restriction_type=PageViewRestriction.LOGIN)

    answer = client.get(week.url)

    assert answer.status_code == 302
    assert "login" in answer["Location"]
