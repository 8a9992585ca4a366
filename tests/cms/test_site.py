"""The site's front doors: the home page and its courses, the forum, both admins, locales."""

from __future__ import annotations

import pytest
from pytest_django.asserts import assertInHTML
from wagtail.models import PageViewRestriction

from tests.factories import PASSWORD, CoursePageFactory, UserFactory

pytestmark = pytest.mark.django_db


# ---------------------------------------------------------------------------
# Home page
# ---------------------------------------------------------------------------
def test_home_page_is_titled_and_headed_with_its_own_title(client, home_page):
    home_page.title = "Bienvenida"
    home_page.save()

    html = client.get("/").content.decode()

    assert "<title>Bienvenida · Puentes</title>" in html
    assertInHTML("<h1>Bienvenida</h1>", html)


def test_home_page_shows_its_introduction(client, home_page):
    home_page.intro = "<p>Un foro <b>en tres lenguas</b>.</p>"
    home_page.save()

    html = client.get("/").content.decode()

    assertInHTML('<div class="intro"><p>Un foro <b>en tres lenguas</b>.</p></div>', html)


def test_home_page_lists_each_live_course_with_a_link_and_its_summary(client, home_page):
    first = CoursePageFactory(parent=home_page, title="Economía social", summary="Políticas.")
    second = CoursePageFactory(parent=home_page, title="Économie sociale", summary="Politiques.")

    html = client.get("/").content.decode()

    for course in (first, second):
        assertInHTML(f'<h3><a href="{course.url}">{course.title}</a></h3>', html)
        assertInHTML(f"<p>{course.summary}</p>", html)
    assert "No course is open yet." not in html


def test_home_page_leaves_out_draft_and_restricted_courses(client, home_page):
    CoursePageFactory(parent=home_page, title="Borrador del curso", live=False)
    restricted = CoursePageFactory(parent=home_page, title="Curso reservado")
    PageViewRestriction.objects.create(page=restricted, restriction_type=PageViewRestriction.LOGIN)

    html = client.get("/").content.decode()

    assert "Borrador del curso" not in html
    assert "Curso reservado" not in html
    assert "No course is open yet." in html


def test_home_page_without_courses_says_none_is_open(client, home_page):
    html = client.get("/").content.decode()

    assertInHTML('<h2 id="courses-heading">Courses</h2>', html)
    assert "No course is open yet." in html


def test_home_page_marks_courses_as_the_current_section_and_links_the_forum(client, home_page):
    html = client.get("/").content.decode()

    assertInHTML('<a href="/" aria-current="page">Courses</a>', html)
    assertInHTML('<a href="/forum/">Forum</a>', html)


def test_visitors_get_sign_in_back_to_the_page_and_sign_up_but_no_member_links(client, home_page):
    html = client.get("/").content.decode()

    assertInHTML('<a href="/accounts/login/?next=/">Sign in</a>', html)
    assertInHTML('<a href="/accounts/signup/">Sign up</a>', html)
    assert "My progress" not in html
    assert "This week" not in html


def test_members_see_their_name_progress_and_sign_out_instead(client, home_page):
    client.force_login(UserFactory(first_name="Ana", last_name="Quispe"))

    html = client.get("/").content.decode()

    assertInHTML('<a href="/forum/my/progress/">My progress</a>', html)
    assertInHTML('<span class="site-account__name">Ana Quispe</span>', html)
    assert 'action="/accounts/logout/"' in html
    assert "Sign in" not in html


def test_the_language_switcher_offers_each_language_by_its_own_name(client, home_page):
    html = client.get("/").content.decode()

    switcher = html.split('<form class="language-switcher"', 1)[1].split("</form>", 1)[0]
    assertInHTML('<option value="en" selected lang="en">English</option>', switcher)
    assertInHTML('<option value="es" lang="es">Español</option>', switcher)
    assertInHTML('<option value="fr" lang="fr">Français</option>', switcher)
    assert switcher.count("<option") == 3
    assertInHTML('<input name="next" type="hidden" value="/">', switcher)


# ---------------------------------------------------------------------------
# Forum
# ---------------------------------------------------------------------------
def test_forum_index_renders_under_forum_inside_the_site_layout(client, home_page):
    html = client.get("/forum/").content.decode()

    assert "<title>Index · Puentes</title>" in html
    assertInHTML('<a href="/forum/" aria-current="page">Forum</a>', html)
    assert '<main id="main"' in html
    assertInHTML("<h1>Forum</h1>", html)
    # machina's own board chrome (search) survives inside the site layout.
    assert '<form class="board-search" role="search" action="/forum/search/">' in html


# ---------------------------------------------------------------------------
# Admins
# ---------------------------------------------------------------------------
def administrator(username: str = "admin-ana"):
    """A superuser whose email is verified: everyone signs in through allauth's form."""
    from allauth.account.models import EmailAddress

    user = UserFactory(username=username, is_superuser=True, is_staff=True)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def test_wagtail_admin_lives_under_admin_behind_the_sites_sign_in(client):
    response = client.get("/admin/", follow=True)

    assert response.redirect_chain[-1] == ("/accounts/login/?next=/admin/", 302)


def test_the_sites_sign_in_page_asks_for_login_and_password(client):
    html = client.get("/accounts/login/?next=/admin/").content.decode()

    assert 'name="login"' in html
    assert 'type="password" name="password"' in html


def test_an_administrator_signs_in_to_the_wagtail_dashboard(client, home_page):
    administrator()

    response = client.post(
        "/accounts/login/", {"login": "admin-ana", "password": PASSWORD, "next": "/admin/"}
    )
    dashboard = client.get(response["Location"]).content.decode()

    assert response["Location"] == "/admin/"
    assert "<title>Dashboard - Wagtail</title>" in dashboard


def test_django_admin_lives_under_django_admin_behind_its_sign_in(client):
    response = client.get("/django-admin/")

    assert response.status_code == 302
    assert response["Location"] == "/django-admin/login/?next=/django-admin/"


def test_staff_sign_in_to_django_admin_and_find_machinas_forum_models(client):
    administrator()

    response = client.post(
        "/accounts/login/",
        {"login": "admin-ana", "password": PASSWORD, "next": "/django-admin/"},
    )
    index = client.get(response["Location"]).content.decode()

    assert response["Location"] == "/django-admin/"
    assert "<title>Site administration | Django site admin</title>" in index
    assert 'href="/django-admin/forum/"' in index


# ---------------------------------------------------------------------------
# What the site is built on
# ---------------------------------------------------------------------------
def test_site_has_locales_en_es_fr_from_the_start():
    from wagtail.models import Locale

    codes = set(Locale.objects.values_list("language_code", flat=True))

    assert codes == {"en", "es", "fr"}


def test_machina_forum_model_is_still_machinas_own():
    from machina.core.loading import get_class

    forum_model = get_class("forum.models", "Forum")

    assert forum_model.__module__.startswith("machina.")
    assert forum_model._meta.app_label == "forum"
