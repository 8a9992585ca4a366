"""machina's post and topic forms, plus the language the author writes in."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from machina.core.loading import get_class

from members.languages import LANGUAGES
from members.profiles import get_profile

from .questions import week_of_forum

MachinaPostForm: Any = get_class("forum_conversation.forms", "PostForm")
MachinaTopicForm: Any = get_class("forum_conversation.forms", "TopicForm")

#: The base of the mixins of machina's forms: `object` when run, `Any` to mypy, which sees
#: machina's forms (whose fields and methods the mixins use) as untyped.
MachinaFormMixin: Any = object


class PostLanguageMixin(MachinaFormMixin):
    """Adds "written in": the author's preferred language by default; their choice wins."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"] = forms.ChoiceField(
            label=_("Written in"),
            choices=LANGUAGES,
            initial=self.initial_language(),
            help_text=_("Readers of other languages will see a translation."),
        )

    def initial_language(self) -> str:
        post = self.instance if self.instance.pk else None
        if post is not None and hasattr(post, "puentes_language"):
            return post.puentes_language.language
        profile = get_profile(self.user)
        return profile.preferred_language if profile else "en"

    def create_post(self):
        post = super().create_post()
        post.puentes_chosen_language = self.cleaned_data["language"]
        return post

    def update_post(self, post):
        super().update_post(post)
        post.puentes_chosen_language = self.cleaned_data["language"]


class KeyRespondentQuestionMixin(MachinaFormMixin):
    """In a week's forum, a new post may be marked as a question to the key respondent(s)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk and week_of_forum(getattr(self.forum, "pk", None)) is not None:
            self.fields["ask_key_respondent"] = forms.BooleanField(
                label=_("Question to the week's key respondent(s)"),
                required=False,
                help_text=_("They will see it among the questions waiting for their answer."),
            )

    def create_post(self):
        post = super().create_post()
        post.puentes_asks_key_respondent = self.cleaned_data.get("ask_key_respondent", False)
        return post


class PostForm(KeyRespondentQuestionMixin, PostLanguageMixin, MachinaPostForm):
    pass


class TopicForm(KeyRespondentQuestionMixin, PostLanguageMixin, MachinaTopicForm):
    pass
