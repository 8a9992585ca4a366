"""The proceedings of a course: one Wagtail page (under the course's last week, or the
course), built by the organizers from the harvest. The theme × region matrix, the case
studies' policy reflections and the participation figures are computed from the course
when the page is shown (``proceedings.compile``); the organizers write the rest."""

from __future__ import annotations

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail.snippets.blocks import SnippetChooserBlock

from courses.identity import course_of_page
from taxonomy.models import written_in_field
from translations.display import reader_languages
from translations.texts import Text

SYNTHESIS_FEATURES = ["h3", "bold", "italic", "ol", "ul", "link", "blockquote"]


class ThemeSynthesisBlock(blocks.StructBlock):
    """The organizers' synthesis of one theme: a chapter of the proceedings."""

    theme = SnippetChooserBlock("taxonomy.Theme", label=_("theme"))
    synthesis = blocks.RichTextBlock(features=SYNTHESIS_FEATURES, label=_("synthesis"))

    class Meta:
        icon = "doc-full"
        label = _("Synthesis of a theme")


class ProceedingsPage(Page):
    language_written = written_in_field()
    introduction = RichTextField(_("introduction"), blank=True, features=SYNTHESIS_FEATURES)
    syntheses = StreamField(
        [("theme", ThemeSynthesisBlock())],
        blank=True,
        verbose_name=_("syntheses by theme"),
    )
    conclusions = RichTextField(_("conclusions"), blank=True, features=SYNTHESIS_FEATURES)
    include_case_studies: models.BooleanField[bool, bool] = models.BooleanField(
        _("include the case studies' policy reflections"), default=True
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("language_written"),
        FieldPanel("introduction"),
        FieldPanel("syntheses"),
        FieldPanel("conclusions"),
        FieldPanel("include_case_studies"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("introduction"),
        index.SearchField("conclusions"),
    ]
    #: Translated for every reader, field by field (see courses.page_texts).
    translated_fields = [("title", "markdown"), ("introduction", "html"), ("conclusions", "html")]

    parent_page_types = ["courses.WeekPage", "courses.CoursePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("proceedings")
        verbose_name_plural = _("proceedings")

    def written_in(self) -> str:
        return self.language_written

    def course(self):
        """The course these are the proceedings of (the page is under it or its week)."""
        return course_of_page(self)

    def get_context(self, request, *args, **kwargs):
        # Compiled in the reader's language, as the page's own texts are shown to them.
        # (proceedings.compile reads these models: imported when first shown.)
        from ..compile import compile_proceedings

        context = super().get_context(request, *args, **kwargs)
        course = self.course()
        language, _reads = reader_languages(request.user, get_language())
        context["course"] = course
        context["proceedings"] = (
            compile_proceedings(course, language=language, page=self) if course else None
        )
        context["showing_original"] = "page" in request.GET.getlist("original")
        return context

    def block_texts(self) -> list[Text]:
        """Each theme's synthesis, keyed by its block's id."""
        texts = []
        for block in self.syntheses:
            source = getattr(block.value.get("synthesis"), "source", "") or ""
            if source.strip():
                texts.append(Text(f"{block.id}.synthesis", source, "html"))
        return texts
