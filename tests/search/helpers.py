"""Posts in a course forum, written and translated as the pipeline would leave them."""

from __future__ import annotations

from machina.test.factories import PostFactory, create_topic

from tests.forum.helpers import member
from translations.models import PostLanguage, PostTranslation

SEARCH = "/forum/search/"


def written(forum, content: str, *, language: str = "es", subject: str = "Un tema", **fields):
    """A post written in ``language`` (as its author chose it)."""
    author = member(language)
    topic = create_topic(forum=forum, poster=author, subject=subject)
    post = PostFactory(topic=topic, poster=author, subject=subject, content=content, **fields)
    PostLanguage.objects.update_or_create(post=post, defaults={"language": language})
    return post


def translated(post, language: str, content: str, subject: str = "Un sujet") -> PostTranslation:
    """The post's finished translation into ``language``, as the worker writes it."""
    row, _created = PostTranslation.objects.update_or_create(
        post=post,
        language=language,
        defaults={
            "source_language": post.puentes_language.language,
            "status": PostTranslation.Status.DONE,
            "subject": subject,
            "content": content,
            "content_rendered": f"<p>{content}</p>",
        },
    )
    return row


def found(client, words: str, **params) -> str:
    response = client.get(SEARCH, {"q": words, **params})
    assert response.status_code == 200
    return response.content.decode()
