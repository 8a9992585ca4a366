"""StreamField blocks of a week: its readings and its discussion questions."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock

from members.languages import LANGUAGES


class LanguageBlock(blocks.ChoiceBlock):
    """Every reading says which language it is in, so readers know before they open it."""

    def __init__(self, **kwargs):
        super().__init__(choices=LANGUAGES, label=_("language"), **kwargs)


class DocumentReadingBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("document"))
    title = blocks.CharBlock(
        label=_("title"), required=False, help_text=_("Leave empty to use the document's title.")
    )
    language = LanguageBlock()

    class Meta:
        icon = "doc-full"
        label = _("Document")
        template = "courses/blocks/document_reading.html"


class LinkReadingBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"))
    url = blocks.URLBlock(label=_("address"))
    language = LanguageBlock()

    class Meta:
        icon = "link"
        label = _("External link")
        template = "courses/blocks/link_reading.html"


class ExcerptReadingBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"))
    excerpt = blocks.RichTextBlock(
        label=_("excerpt"), features=["bold", "italic", "link", "ol", "ul", "blockquote"]
    )
    source = blocks.CharBlock(label=_("source"), required=False)
    language = LanguageBlock()

    class Meta:
        icon = "openquote"
        label = _("Excerpt")
        template = "courses/blocks/excerpt_reading.html"


class ReadingsBlock(blocks.StreamBlock):
    document = DocumentReadingBlock()
    link = LinkReadingBlock()
    excerpt = ExcerptReadingBlock()


class QuestionBlock(blocks.StructBlock):
    """A discussion question; its block id ties it to its pinned topic in the week's forum."""

    text = blocks.TextBlock(label=_("question"))
    post_before_seeing_others = blocks.BooleanBlock(
        label=_("post before you see the others"),
        required=False,
        default=False,
        help_text=_("Participants answer before they can read the other answers."),
    )

    class Meta:
        icon = "help"
        label = _("Question")


class QuestionsBlock(blocks.StreamBlock):
    question = QuestionBlock()
