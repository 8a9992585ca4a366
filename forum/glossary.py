"""A course's glossary: re-translating the posts that use an edited term."""

from __future__ import annotations

from django.db.models import Q

from translations.glossary import term_mentioned, written_forms
from translations.models import GlossaryTerm
from translations.pipeline import post_source, retranslate_posts

from .course_of import course_posts


def affected_posts(term: GlossaryTerm, *, before: GlossaryTerm | None = None) -> list[int]:
    """Posts of the term's course that contain it, as it is now or as it was before."""
    versions = [version for version in (term, before) if version is not None]
    written = {text for version in versions for text in written_forms(version)}
    if not written or term.course_id is None:
        return []
    candidates = Q()
    for text in written:
        candidates |= Q(subject__icontains=text) | Q(content__icontains=text)
    posts = course_posts(term.course).filter(candidates).only("pk", "subject", "content")
    return [
        post.pk
        for post in posts
        if any(term_mentioned(version, "\n".join(post_source(post))) for version in versions)
    ]


def remember_term(sender, instance: GlossaryTerm, raw: bool = False, **kwargs) -> None:
    """pre_save: keep the term as it was, so posts using its old wording follow too."""
    if not raw and instance.pk:
        instance._before = GlossaryTerm.objects.filter(pk=instance.pk).first()


def term_changed(sender, instance: GlossaryTerm, raw: bool = False, **kwargs) -> None:
    if raw:
        return
    retranslate_posts(
        affected_posts(instance, before=getattr(instance, "_before", None)),
        glossary=instance.course_id,
    )
