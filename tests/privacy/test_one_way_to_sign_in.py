"""One way to sign in: allauth's, throttled and asking for a verified email, behind every
login form the site has ever had (Wagtail's admin, Django's admin, Wagtail's front-end)."""

from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress
from django.contrib.admin import AdminSite
from django.contrib.auth import views as auth_views
from django.contrib.auth.models import User
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

# The login forms people used to reach besides allauth's, and allauth's own.
FORMER_LOGIN_FORMS = ["/admin/login/", "/django-admin/login/", "/_util/login/"]
EVERY_LOGIN_FORM = [*FORMER_LOGIN_FORMS, "/accounts/login/"]


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """allauth counts failed logins in the cache: each test starts, and leaves, with none."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def staff(username: str = "admin-ana", *, verified: bool = True) -> User:
    user = UserFactory(username=username, is_superuser=True, is_staff=True)
    EmailAddress.objects.create(user=user, email=user.email, verified=verified, primary=True)
    return user


def credentials(user: User, password: str) -> dict[str, str]:
    """What any of the login forms reads: Django's and Wagtail's `username`, allauth's `login`."""
    return {"username": user.username, "login": user.username, "password": password}


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


@pytest.mark.parametrize("url", EVERY_LOGIN_FORM)
def test_fifteen_wrong_passwords_then_the_right_one_give_no_session(client, url):
    user = staff()
    for _attempt in range(15):
        client.post(url, credentials(user, "not-the-password"))

    client.post(url, credentials(user, PASSWORD))

    assert not signed_in(client)


def test_five_wrong_passwords_for_one_login_hold_back_even_the_right_one(client):
    user = staff()
    for _attempt in range(5):
        client.post("/accounts/login/", credentials(user, "not-the-password"))

    response = client.post("/accounts/login/", credentials(user, PASSWORD))

    assert not signed_in(client)
    assert "Too many failed login attempts" in response.content.decode()


@pytest.mark.parametrize("url", EVERY_LOGIN_FORM)
def test_an_account_with_an_unverified_email_gets_no_session(client, url):
    user = staff(verified=False)

    client.post(url, credentials(user, PASSWORD))

    assert not signed_in(client)


def test_an_account_with_no_email_address_on_record_gets_no_session(client):
    user = UserFactory(username="admin-ana", is_superuser=True, is_staff=True)

    client.post("/accounts/login/", credentials(user, PASSWORD))

    assert not signed_in(client)


@pytest.mark.parametrize("url", FORMER_LOGIN_FORMS)
def test_a_former_login_form_sends_to_allauths_sign_in_keeping_next(client, url):
    response = client.get(url, {"next": "/admin/pages/"})

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/admin/pages/"


@pytest.mark.parametrize("url", FORMER_LOGIN_FORMS)
def test_credentials_posted_to_a_former_login_form_are_not_read(client, url):
    user = staff()

    response = client.post(url, credentials(user, PASSWORD))

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/"
    assert not signed_in(client)


def test_the_wagtail_admin_sends_a_visitor_to_allauths_sign_in(client):
    response = client.get("/admin/pages/", follow=True)

    assert response.redirect_chain[-1] == ("/accounts/login/?next=/admin/pages/", 302)


def test_the_django_admin_sends_a_visitor_to_allauths_sign_in(client):
    response = client.get("/django-admin/", follow=True)

    assert response.redirect_chain[-1] == ("/accounts/login/?next=/django-admin/", 302)


def test_a_verified_administrator_signs_in_with_allauth_and_reaches_the_wagtail_dashboard(
    client, home_page
):
    user = staff()

    response = client.post("/accounts/login/?next=/admin/", credentials(user, PASSWORD))
    dashboard = client.get(response["Location"])

    assert response["Location"] == "/admin/"
    assert "<title>Dashboard - Wagtail</title>" in dashboard.content.decode()


def test_verified_staff_sign_in_with_allauth_and_reach_the_django_admin(client):
    user = staff()

    response = client.post("/accounts/login/?next=/django-admin/", credentials(user, PASSWORD))
    index = client.get(response["Location"])

    assert response["Location"] == "/django-admin/"
    assert "<title>Site administration | Django site admin</title>" in index.content.decode()


def test_a_signed_in_member_who_is_not_staff_is_kept_out_of_the_django_admin(client):
    member = UserFactory(username="marta")
    EmailAddress.objects.create(user=member, email=member.email, verified=True, primary=True)
    client.post("/accounts/login/", credentials(member, PASSWORD))

    response = client.get("/django-admin/", follow=True)

    assert signed_in(client)
    assert response.status_code == 403
    assert "Site administration" not in response.content.decode()
    assert "You may not open this page" in response.content.decode()


def test_a_signed_in_participant_is_refused_by_the_wagtail_admin_not_asked_to_sign_in(client):
    member = UserFactory(username="lucia")
    EmailAddress.objects.create(user=member, email=member.email, verified=True, primary=True)
    client.post("/accounts/login/", credentials(member, PASSWORD))

    response = client.get("/admin/", follow=True)

    assert signed_in(client)
    assert response.status_code == 403
    html = response.content.decode()
    assert "You may not open this page" in html
    assert 'name="password"' not in html


def test_the_wagtail_admins_own_password_reset_is_closed_in_favour_of_allauths(client):
    staff()

    response = client.post("/admin/password_reset/", {"email": "admin-ana@example.org"})

    assert response.status_code == 404
    assert client.get("/accounts/password/reset/").status_code == 200


def test_the_week_pages_sign_in_link_leads_to_allauths_sign_in(client, week):
    week.save_revision().publish()

    html = client.get(week.url).content.decode()

    assert f'href="/accounts/login/?next={week.url}"' in html
    assert "/admin/login/" not in html


def test_a_closed_forum_sends_a_visitor_to_allauths_sign_in(client):
    response = client.get("/forum/tracking/unread-topics/")

    assert response["Location"] == "/accounts/login/?next=/forum/tracking/unread-topics/"


def login_views(resolver: URLResolver, namespace: str = "") -> list[str]:
    """Names of every URL pattern served by a view that signs people in with a password."""
    names = []
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names += login_views(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name and takes_a_password(pattern):
            names.append(namespace + pattern.name)
    return names


def takes_a_password(pattern: URLPattern) -> bool:
    view_class = getattr(pattern.callback, "view_class", None)
    if view_class is not None:
        return issubclass(view_class, auth_views.LoginView)
    return getattr(pattern.callback, "__func__", None) is AdminSite.login


def test_no_url_reaches_a_django_login_view_except_through_allauth():
    names = login_views(get_resolver())

    assert {"wagtailadmin_login", "wagtailcore_login", "admin:login"} <= set(names)
    for name in names:
        served_by = resolve(reverse(name)).func
        assert not issubclass(getattr(served_by, "view_class", object), auth_views.LoginView), name
        assert getattr(served_by, "__func__", None) is not AdminSite.login, name
