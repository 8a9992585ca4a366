"""The database stopped: a page in the site's layout, the member's text kept, nothing saved.

A real PostgreSQL (a cluster of its own in a temporary folder, tests/faults/services.py)
is stopped under the site: the connection the site holds is cut, and new ones are
refused. Django's connection for the requests is swapped to that cluster for the test.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.db import OperationalError, connections
from django.db.backends.postgresql.base import DatabaseWrapper
from django.test import Client
from django.urls import reverse
from machina.core.db.models import get_model

from tests.forum.helpers import course_forum, grant, member
from tests.forum.permission_world import NO_ATTACHMENTS

from .services import PostgresCluster

Post = get_model("forum_conversation", "Post")

REPLY_URL = reverse(
    "forum_conversation:post_create",
    kwargs={"forum_slug": "semana-1", "forum_pk": 7, "topic_slug": "hola", "topic_pk": 3},
)
TEXT = 'Mi respuesta <b>larga</b> & "cuidada" sobre la economía solidaria.'


@pytest.fixture(scope="module")
def cluster() -> Iterator[PostgresCluster]:
    server = PostgresCluster()
    server.start()
    yield server
    server.remove()


@pytest.fixture
def site_on(cluster) -> Iterator[DatabaseWrapper]:
    """The site's requests use the cluster's database (this thread's default connection)."""
    original = connections["default"]
    settings = {**original.settings_dict, "OPTIONS": {}, **cluster.settings()}
    wrapper = DatabaseWrapper(settings, alias="default")
    connections["default"] = wrapper
    try:
        wrapper.ensure_connection()  # the site holds an open connection when it goes down
        yield wrapper
    finally:
        wrapper.close()
        connections["default"] = original


def visitor(language: str) -> Client:
    return Client(raise_request_exception=False, HTTP_ACCEPT_LANGUAGE=language)


@pytest.mark.django_db
def test_a_member_posting_while_the_database_is_stopped_gets_their_text_back(cluster, site_on):
    cluster.stop()
    try:
        response = visitor("es").post(
            REPLY_URL, {"subject": "Re: Hola", "content": TEXT, "language": "es"}
        )
        refused = visitor("fr").post(REPLY_URL, {"subject": "Re: Hola", "content": TEXT})
    finally:
        cluster.start()

    assert response.status_code == 503
    html = response.content.decode()
    assert "Tu mensaje no se guardó" in html  # in the member's language
    assert 'class="site-header"' in html
    assert 'class="site-footer"' in html
    assert f'action="{REPLY_URL}"' in html
    assert 'method="post"' in html
    assert "Mi respuesta &lt;b&gt;larga&lt;/b&gt; &amp; &quot;cuidada&quot;" in html  # escaped
    assert 'value="Re: Hola"' in html
    assert 'name="language" value="es"' in html
    assert response["Retry-After"]
    assert refused.status_code == 503
    assert "Votre message n’a pas été enregistré" in (refused.content.decode())
    site_on.ensure_connection()  # the database is back: the site connects again


@pytest.mark.django_db
def test_a_page_read_while_the_database_is_stopped_says_so_in_the_layout(cluster, site_on):
    cluster.stop()
    try:
        response = visitor("fr").get("/forum/")
    finally:
        cluster.start()

    assert response.status_code == 503
    html = response.content.decode()
    assert "Momentanément indisponible" in html
    assert "ne peut pas joindre sa base de données" in html
    assert 'class="site-header"' in html
    assert "<textarea" not in html


@pytest.mark.django_db
def test_other_errors_keep_the_generic_error_page(monkeypatch):
    from forum import views

    def broken(*args, **kwargs):
        raise ValueError("a bug, not an outage")

    monkeypatch.setattr(views.IndexView, "get", broken)
    response = Client(raise_request_exception=False).get("/forum/")

    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_reply_interrupted_by_the_database_saves_nothing():
    """The database is lost after the post's row was written: the whole reply is undone.

    (Driven: the loss is an OperationalError raised by a receiver of the post's save.)
    """
    from django.db.models.signals import post_save
    from machina.test.factories import create_topic

    forum = course_forum()
    author = member("es")
    grant(author, forum)
    topic = create_topic(forum=forum, poster=author)
    before = Post.objects.count()

    def database_lost(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    post_save.connect(database_lost, sender=Post, dispatch_uid="faults-database-lost")
    try:
        client = Client(raise_request_exception=False, HTTP_ACCEPT_LANGUAGE="es")
        client.force_login(author)
        url = reverse(
            "forum_conversation:post_create",
            args=[forum.slug, forum.pk, topic.slug, topic.pk],
        )
        response = client.post(
            url, {"subject": "Re", "content": TEXT, "language": "es", **NO_ATTACHMENTS}
        )
    finally:
        post_save.disconnect(dispatch_uid="faults-database-lost", sender=Post)

    assert response.status_code == 503
    assert "Tu mensaje no se guardó" in response.content.decode()
    assert Post.objects.count() == before
