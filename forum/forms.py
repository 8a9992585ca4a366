"""machina's post and topic forms, plus the language the author writes in."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.formats import number_format
from django.utils.text import Truncator
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext_lazy as _
from machina.core.loading import get_class

from courses.text import count_text_words
from courses.vocabulary_texts import shown_terms
from members.languages import LANGUAGES
from members.profiles import get_profile
from members.templatetags.member_names import member_name
from taxonomy.models import Region, Theme
from translations.display import reader_languages
from translations.models import OTHER_LANGUAGE

from .models import KeyRespondentQuestion
from .questions import is_week_key_respondent, open_questions, organizes_week, week_of_forum
from .quotes import quotation
from .tags import set_post_tags

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


def words_label(count: int) -> str:
    return ngettext("%(count)s word", "%(count)s words", count)


class WeekWordsMixin(MachinaFormMixin):
    """In a week's forum, the message is measured against the week's suggested length and
    refused above its word limit (courses.models.WeekPage), words counted as
    `courses.text.count_text_words` and the editor's live count (static/js/editor.js) count
    them: runs of letters, digits and `_` (with inner `'` and `-`), so Markdown's `#`, `*`,
    `>` alone are no words. The target and the limit reach the editor as data attributes
    of the message field."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        week = week_of_forum(getattr(self.forum, "pk", None))
        self.word_target: int | None = week.word_target if week else None
        self.word_limit: int | None = week.word_limit if week else None
        attrs = self.fields["content"].widget.attrs
        if self.word_target:
            attrs["data-word-target"] = self.word_target
        if self.word_limit:
            attrs["data-word-limit"] = self.word_limit

    @property
    def content_word_count(self) -> int:
        """The words of the message as the form shows it (posted, quoted or being edited)."""
        value = self["content"].value()
        return count_text_words(str(getattr(value, "raw", value) or ""))

    def word_count_text(self) -> str:
        return words_label(self.content_word_count) % {
            "count": number_format(self.content_word_count, force_grouping=True)
        }

    def word_target_text(self) -> str:
        return _("target %(count)s") % {
            "count": number_format(self.word_target or 0, force_grouping=True)
        }

    def word_limit_text(self) -> str:
        return _("limit %(count)s") % {
            "count": number_format(self.word_limit or 0, force_grouping=True)
        }

    def words_labels(self) -> tuple[str, str]:
        """The singular and plural "%(count)s words", for the editor's live count to choose."""
        return words_label(1), words_label(2)

    def is_over_word_limit(self) -> bool:
        return bool(self.word_limit) and self.content_word_count > (self.word_limit or 0)

    def clean_content(self) -> str:
        content = super().clean_content()
        count = count_text_words(content)
        if self.word_limit and count > self.word_limit:
            raise forms.ValidationError(
                ngettext(
                    "Your post has %(count)s words; this week's limit is %(limit)s word. "
                    "Shorten it and post again.",
                    "Your post has %(count)s words; this week's limit is %(limit)s words. "
                    "Shorten it and post again.",
                    self.word_limit,
                )
                % {
                    "count": number_format(count, force_grouping=True),
                    "limit": number_format(self.word_limit, force_grouping=True),
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
    An organizer of the course is offered the same choice, with none chosen unless quoted.
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
        if self.topic is None:
            return
        if is_week_key_respondent(self.user, week):
            self.offer_questions(list(open_questions(self.topic.pk)), quote)
        elif organizes_week(self.user, week):
            self.offer_questions(list(open_questions(self.topic.pk)), quote, latest=False)

    def offer_questions(self, questions, quote, *, latest: bool = True) -> None:
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
            # The latest open question; an organizer answers only the one they chose.
            initial = choices[0][0] if latest else ""
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
    author = member_name(poster) if poster else _("Anonymous")
    text = Truncator(str(question.post.content)).chars(80)
    return f"{author}: {text}"


class QuoteMixin(MachinaFormMixin):
    """A reply opened with `?quote=<post id>` starts with that post quoted (forum.quotes);
    the view checks that the reader may see it and passes it as `quoted_post`."""

    def __init__(self, *args, quoted_post=None, **kwargs):
        super().__init__(*args, **kwargs)
        if quoted_post is not None and not self.is_bound:
            self.initial["content"] = quotation(quoted_post)


class UnsignedByDefaultMixin(MachinaFormMixin):
    """machina's "Attach a signature" comes ticked on a new post (the model's default, True):
    a new post is unsigned unless its author ticks it; an edited post keeps its choice."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk and "enable_signature" in self.fields:
            self.initial["enable_signature"] = False


class NamedChoices:
    """Theme and region choices labelled in the reader's language."""

    def __init__(self, names: dict[int, str]) -> None:
        self.names = names

    def __call__(self, term) -> str:
        return self.names.get(term.pk, term.name)


class PostTagsMixin(MachinaFormMixin):
    """Optional themes and region (`forum.tags`): set by the author on a new post, changed by
    whoever may edit it (organizers and moderators too); members' alerts match them."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        themes, regions = list(Theme.objects.all()), list(Region.objects.all())
        if not themes and not regions:
            return
        language, reads = reader_languages(self.user, get_language())
        names = shown_terms([*themes, *regions], language=language, reads=reads)
        theme_names = {n.term.pk: n.name for n in names if isinstance(n.term, Theme)}
        region_names = {n.term.pk: n.name for n in names if isinstance(n.term, Region)}
        tags = getattr(self.instance, "puentes_tags", None) if self.instance.pk else None
        self.fields["themes"] = forms.ModelMultipleChoiceField(
            label=_("Themes"),
            queryset=Theme.objects.all(),
            required=False,
            initial=[theme.pk for theme in tags.themes.all()] if tags else [],
            help_text=_("Members who follow these themes are told of your post."),
        )
        self.fields["themes"].label_from_instance = NamedChoices(theme_names)
        self.fields["region"] = forms.ModelChoiceField(
            label=_("Region"),
            queryset=Region.objects.all(),
            required=False,
            initial=tags.region_id if tags else None,
            empty_label=_("None"),
        )
        self.fields["region"].label_from_instance = NamedChoices(region_names)

    def save(self, commit=True):
        post = super().save(commit)
        if commit and "themes" in self.fields:
            set_post_tags(post, self.cleaned_data["themes"], self.cleaned_data["region"])
        return post


class PostForm(
    PostTagsMixin,
    QuoteMixin,
    UnsignedByDefaultMixin,
    WeekWordsMixin,
    PostTextMixin,
    KeyRespondentQuestionMixin,
    PostLanguageMixin,
    MachinaPostForm,
):
    pass


class TopicForm(
    PostTagsMixin,
    UnsignedByDefaultMixin,
    WeekWordsMixin,
    PostTextMixin,
    KeyRespondentQuestionMixin,
    PostLanguageMixin,
    MachinaTopicForm,
):
    pass
