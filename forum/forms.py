"""machina's post and topic forms, plus the language the author writes in."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.formats import number_format
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from machina.core.loading import get_class

from members.languages import LANGUAGES
from members.profiles import get_profile
from translations.models import OTHER_LANGUAGE

from .models import KeyRespondentQuestion
from .questions import is_week_key_respondent, open_questions, week_of_forum

MachinaPostForm: Any = get_class("forum_conversation.forms", "PostForm")
MachinaTopicForm: Any = get_class("forum_conversation.forms", "TopicForm")

#: The base of the mixins of machina's forms: `object` when run, `Any` to mypy, which sees
#: machina's forms (whose fields and methods the mixins use) as untyped.
MachinaFormMixin: Any = object


#: The longest post, in characters: a long essay. Far below the request size Django accepts
#: (settings.DATA_UPLOAD_MAX_MEMORY_SIZE), so that the form, not a bare "400 Bad Request",
#: answers an author who pasted too much, and gives them their text back.
POST_MAX_CHARACTERS = 50_000

#: Characters that show nothing (with the whitespace that str.strip() removes).
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
_ZERO_WIDTH_REMOVED = str.maketrans("", "", ZERO_WIDTH)


def is_invisible(text: str) -> bool:
    """Nothing a reader would see: only whitespace and zero-width characters."""
    return not text.translate(_ZERO_WIDTH_REMOVED).strip()


class PostTextMixin(MachinaFormMixin):
    """A post has a subject and a message a reader can see, and a message of at most
    POST_MAX_CHARACTERS, which the editor's help text states."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["content"].help_text = _("At most %(limit)s characters.") % {
            "limit": number_format(POST_MAX_CHARACTERS, force_grouping=True)
        }

    def clean_subject(self) -> str:
        subject = self.cleaned_data["subject"]
        if is_invisible(subject):
            raise forms.ValidationError(
                _("The subject has only invisible characters: write one that readers can see.")
            )
        return subject

    def clean_content(self) -> str:
        content = self.cleaned_data["content"]
        if is_invisible(content):
            raise forms.ValidationError(
                _(
                    "The message has only invisible characters (spaces, zero-width "
                    "characters): write one that readers can see."
                )
            )
        if len(content) > POST_MAX_CHARACTERS:
            raise forms.ValidationError(
                _(
                    "The message has %(length)s characters; a post may have at most %(limit)s. "
                    "Your text is still here: shorten it, or split it into several posts."
                )
                % {
                    "length": number_format(len(content), force_grouping=True),
                    "limit": number_format(POST_MAX_CHARACTERS, force_grouping=True),
                }
            )
        return content


class PostLanguageMixin(MachinaFormMixin):
    """Adds "written in": the author's preferred language by default; their choice wins.

    The language offered and left as it was is no choice: the translation task may still
    find the text written in none of the site's languages (translations.detection).
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"] = forms.ChoiceField(
            label=_("Written in"),
            choices=[*LANGUAGES, (OTHER_LANGUAGE, _("Another language (not translated)"))],
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
        self.tell_language(post)
        return post

    def update_post(self, post):
        super().update_post(post)
        self.tell_language(post)

    def tell_language(self, post) -> None:
        """What forum.translation passes on to the pipeline when the post is saved."""
        if "language" in self.changed_data:
            post.puentes_chosen_language = self.cleaned_data["language"]
        else:
            post.puentes_assumed_language = self.cleaned_data["language"]


class KeyRespondentQuestionMixin(MachinaFormMixin):
    """In a week's forum, a new post may be marked as a question to the key respondent(s).

    A key respondent replying in a topic with open questions says which one the reply answers
    (forum.questions), or none: the quoted post's question is chosen when the reply form was
    opened with `?quote=<post id>` (the view passes it as `quote`), else the latest open one.
    """

    def __init__(self, *args, quote: str | int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        week = week_of_forum(getattr(self.forum, "pk", None))
        if self.instance.pk or week is None:
            return
        self.fields["ask_key_respondent"] = forms.BooleanField(
            label=_("Question to the week's key respondent(s)"),
            required=False,
            help_text=_("They will see it among the questions waiting for their answer."),
        )
        if self.topic is not None and is_week_key_respondent(self.user, week):
            self.offer_questions(list(open_questions(self.topic.pk)), quote)

    def offer_questions(self, questions, quote) -> None:
        if not questions:
            return
        choices = [(str(question.post_id), question_label(question)) for question in questions]
        quoted = str(quote) if re.fullmatch(r"[0-9]+", str(quote)) else ""
        if quoted in {value for value, _label in choices}:
            initial = quoted
        elif (
            quoted
            and KeyRespondentQuestion.objects.filter(
                post_id=int(quoted), post__topic=self.topic
            ).exists()
        ):
            initial = ""  # a follow-up to a question already answered answers no other one
        else:
            initial = choices[0][0]  # the latest open question
        self.fields["answers_question"] = forms.ChoiceField(
            label=_("Answers the question"),
            choices=[*choices, ("", _("None of them (not an answer)"))],
            initial=initial,
            required=False,
            help_text=_("The question your reply answers leaves your list of waiting questions."),
        )

    def create_post(self):
        post = super().create_post()
        post.puentes_asks_key_respondent = self.cleaned_data.get("ask_key_respondent", False)
        if "answers_question" in self.fields and "answers_question" in self.data:
            # The key respondent's choice; 0: none (forum.questions.question_answered_by).
            post.puentes_answers_question = int(self.cleaned_data["answers_question"] or 0)
        return post


def question_label(question) -> str:
    """A question as the reply form offers it: who asked, and how it begins."""
    poster = question.post.poster
    author = (poster.get_full_name() or poster.username) if poster else _("Anonymous")
    text = Truncator(str(question.post.content)).chars(80)
    return f"{author}: {text}"


class UnsignedByDefaultMixin(MachinaFormMixin):
    """machina's "Attach a signature" comes ticked on a new post (the model's default, True):
    a new post is unsigned unless its author ticks it; an edited post keeps its choice."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk and "enable_signature" in self.fields:
            self.initial["enable_signature"] = False


class PostForm(
    UnsignedByDefaultMixin,
    PostTextMixin,
    KeyRespondentQuestionMixin,
    PostLanguageMixin,
    MachinaPostForm,
):
    pass


class TopicForm(
    UnsignedByDefaultMixin,
    PostTextMixin,
    KeyRespondentQuestionMixin,
    PostLanguageMixin,
    MachinaTopicForm,
):
    pass
