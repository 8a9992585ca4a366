"""The site layout: landmarks, skip link, language switcher and course navigation everywhere."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import CaseStudyPageFactory, UserFactory, WeekPageFactory

pytestmark = pytest.mark.django_db


def publish(page, user):
    page.save_revision(user=user).publish(user=user)
    page.refresh_from_db()
    return page


@pytest.fixture
def pages(course, week, organizer):
    publish(week, organizer)
    case_study = CaseStudyPageFactory(parent=week, title="Le Chantier")
    return {"home": "/", "course": course.url, "week": week.url, "case study": case_study.url,
            "forum": reverse("forum:index")}  # fmt: skip


@pytest.mark.parametrize("name", ["home", "course", "week", "case study", "forum"])
def test_every_main_page_has_a_skip_link_landmarks_and_the_language_switcher(client, pages, name):
    html = client.get(pages[name]).content.decode()

    assert '<a class="skip-link" href="#main">' in html
    assert '<header class="site-header">' in html
    assert '<main id="main"' in html
    assert "<footer" in html
    assert '<label for="language-select">' in html
    assert f'action="{reverse("set_language")}"' in html


@pytest.mark.parametrize("name", ["course", "week", "case study"])
def test_course_pages_carry_the_course_navigation(client, pages, name):
    html = client.get(pages[name]).content.decode()

    assert '<nav class="course-nav"' in html
    assert "Course navigation" in html


def test_the_course_navigation_gives_each_week_its_dates_and_state_in_words(
    client, course, week, organizer
):
    publish(week, organizer)
    later = publish(WeekPageFactory(parent=course, title="Later week", opens_on=week.closes_on,
                                    closes_on=week.closes_on), organizer)  # fmt: skip

    html = client.get(week.url).content.decode()
    nav = html.split('<nav class="course-nav"', 1)[1].split("</nav>", 1)[0]

    assert f'href="{week.url}" aria-current="page"' in nav
    assert "Later week" in nav
    assert ">Open</span>" in nav
    assert f'datetime="{later.opens_on:%Y-%m-%d}"' in nav
    assert "Discussion questions" in nav


def test_forum_pages_keep_the_site_layout_with_a_labelled_forum_bar(client, pages):
    html = client.get(pages["forum"]).content.decode()

    assert '<nav class="board-nav" aria-label="Forum">' in html
    assert '<label for="board-search-q">Search the forum</label>' in html
    assert 'aria-label="Breadcrumb"' in html
    # machina's Bootstrap theme is loaded before our stylesheet, so that ours wins.
    assert html.index("machina.board_theme.min.css") < html.index("css/puentes.css")


def test_a_member_finds_this_week_and_sign_out_in_the_header(client, home_page):
    client.force_login(UserFactory())

    html = client.get("/").content.decode()

    assert f'href="{reverse("courses:this_week")}"' in html
    assert "Sign out" in html


def test_a_visitor_is_offered_to_sign_in_and_come_back(client, home_page):
    html = client.get("/").content.decode()

    assert "Sign in" in html
    assert "?next=/" in html
