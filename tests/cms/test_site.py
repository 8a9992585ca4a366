from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_home_page_renders_with_the_site_layout(client):
    response = client.get("/")

    assert response.status_code == 200
    assert b"Puentes" in response.content
    assert b'href="#main"' in response.content


def test_forum_index_renders_under_forum(client):
    response = client.get("/forum/")

    assert response.status_code == 200
    assert b'id="main"' in response.content
    # machina's own board chrome (search, breadcrumbs) survives inside the site layout.
    assert b'action="/forum/search/"' in response.content


def test_wagtail_admin_login_renders(client):
    response = client.get("/admin/login/")

    assert response.status_code == 200
    assert b"password" in response.content.lower()


def test_django_admin_lives_under_django_admin(client):
    response = client.get("/django-admin/login/")

    assert response.status_code == 200


def test_site_has_locales_en_es_fr_from_the_start():
    from wagtail.models import Locale

    codes = set(Locale.objects.values_list("language_code", flat=True))

    assert codes == {"en", "es", "fr"}


def test_machina_forum_model_is_still_machinas_own():
    from machina.core.loading import get_class

    forum_model = get_class("forum.models", "Forum")

    assert forum_model.__module__.startswith("machina.")
    assert forum_model._meta.app_label == "forum"
