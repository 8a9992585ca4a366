"""Admin panels of the course pages."""

from __future__ import annotations

from django.forms import Media
from wagtail.admin.panels import Panel

from .text import count_words


class WordCountPanel(Panel):
    """Shows the word count of a rich-text field, live as the author types.

    The count on first render comes from the server (the same `count_words` used for the
    warning on save); a small script keeps it current while the author writes.
    """

    def __init__(self, field_name: str, limit: int, **kwargs):
        super().__init__(**kwargs)
        self.field_name = field_name
        self.limit = limit

    def clone_kwargs(self):
        return {**super().clone_kwargs(), "field_name": self.field_name, "limit": self.limit}

    @property
    def clean_name(self):
        return super().clean_name or f"{self.field_name}_word_count"

    class BoundPanel(Panel.BoundPanel):
        template_name = "courses/panels/word_count.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            count = count_words(getattr(self.instance, self.panel.field_name, ""))
            field = self.form[self.panel.field_name] if self.form is not None else None
            context.update(
                count=count,
                limit=self.panel.limit,
                too_long=count > self.panel.limit,
                target_id=field.id_for_label if field is not None else "",
            )
            return context

        @property
        def media(self):
            return Media(js=["courses/js/word_count.js"])
