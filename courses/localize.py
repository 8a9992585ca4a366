"""wagtail-localize's machine translation of course pages, with the course's glossary.

wagtail-localize asks the machine translator for strings only, never for the page they come
from; :func:`translations.localize.glossary_of` lets the caller say which course's glossary
applies. The two admin views that call the translator ("Machine translate" in the editor,
and "Sync translated pages" with machine translation) are wrapped here to say it, and
registered at wagtail-localize's own URLs ahead of its views (see ``forum.wagtail_hooks``),
so every link wagtail-localize builds lands on them. A test checks that those URLs still
resolve here, should a later wagtail-localize move them.

Why not guess the page from the strings: wagtail-localize shares one String row among every
page that contains the same text ("Introduction", a week's title), so strings alone cannot
say which course they belong to. Why not patch wagtail-localize's functions: these views are
its public seam (a URL and a view), and wrapping them changes nothing else it does.
"""

from __future__ import annotations

from django.core.exceptions import ObjectDoesNotExist
from django.shortcuts import get_object_or_404
from django.urls import path
from wagtail.models import Page
from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.views import edit_translation, update_translations

from translations.localize import glossary_of

from .identity import course_of_page
from .models import CoursePage


def course_of_source(source: TranslationSource) -> CoursePage | None:
    try:
        instance = source.get_source_instance()
    except ObjectDoesNotExist:
        return None  # the page was deleted since it was submitted for translation
    return course_of_page(instance) if isinstance(instance, Page) else None


def glossary_id(course: CoursePage | None) -> int | None:
    """A course's glossary is kept under the course's own id."""
    return course.pk if course is not None else None


def machine_translate(request, translation_id: int):
    """wagtail-localize's "Machine translate", with the glossary of the page's course."""
    translation = get_object_or_404(Translation.objects.select_related("source"), pk=translation_id)
    with glossary_of(glossary_id(course_of_source(translation.source))):
        return edit_translation.machine_translate(request, translation_id)


class UpdateTranslationsView(update_translations.UpdateTranslationsView):
    """The "Sync translated pages" form: its machine translation option uses the glossary too."""

    def form_valid(self, form):
        with glossary_of(glossary_id(course_of_source(self.object))):
            return super().form_valid(form)


def localize_urls() -> list:
    """At wagtail-localize's paths (under the admin's ``localize/``), registered before its own."""
    return [
        path(
            "localize/translate/<int:translation_id>/machine_translate/",
            machine_translate,
            name="course_machine_translate",
        ),
        path(
            "localize/update/<int:translation_source_id>/",
            UpdateTranslationsView.as_view(),
            name="course_update_translations",
        ),
    ]
