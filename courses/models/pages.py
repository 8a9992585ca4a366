"""The cohort as Wagtail pages: a course, its weeks, and the key respondents' case studies."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import formats, timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PagePermissionTester
from wagtail.search import index

from members.languages import LANGUAGE_CODES, LANGUAGE_NAMES, LANGUAGES
from taxonomy.models import Region
from translations.texts import Text

from ..blocks import QuestionsBlock, ReadingsBlock
from ..kept_structure import kept
from ..page_forms import CaseStudyPageForm, WeekPageForm
from ..panels import WordCountPanel
from ..text import count_words
from .fields import LanguagesField

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

# About 1 to 1.5 pages: above this the author is warned, never stopped.
CASE_STUDY_WORD_LIMIT = 900


def all_languages() -> list[str]:
    return list(LANGUAGE_CODES)


class WeekState(models.TextChoices):
    UPCOMING = "upcoming", _("upcoming")
    OPEN = "open", _("open")
    CLOSED = "closed", _("closed")


class CaseStudyPermissionTester(PagePermissionTester):
    """Wagtail's rules, plus: an author listed on a case study may edit it.

    Wagtail lets a holder of "add" edit the pages they own; co-authors do not own the
    page, so they get the same right here, and only with that same "add" permission.
    """

    def can_edit(self):
        return super().can_edit() or self._is_listed_author()

    def _is_listed_author(self) -> bool:
        if not self.user.is_active or "add" not in getattr(self, "permissions", set()):
            return False
        page = self.page
        if page.pk is None:
            return False
        # Authors changed in a draft are only in the latest revision until it is published.
        if page.has_unpublished_changes and page.latest_revision_id:
            page = page.get_latest_revision_as_object()
        return any(author.pk == self.user.pk for author in page.authors.all())


#: A page's texts are in this language; empty: detected, text by text.
WRITTEN_IN_CHOICES = [("", _("Detect automatically")), *LANGUAGES]


def written_in_field():
    return models.CharField(
        _("written in"),
        max_length=2,
        choices=WRITTEN_IN_CHOICES,
        blank=True,
        help_text=_(
            "The language its texts are written in; they are machine-translated into the "
            "others. Leave on automatic to detect it text by text."
        ),
    )


class CoursePage(Page):
    language_written: models.CharField[str, str] = written_in_field()
    summary: models.TextField[str, str] = models.TextField(_("summary"), blank=True)
    start_date: models.DateField[dt.date, dt.date] = models.DateField(_("start date"))
    end_date: models.DateField[dt.date, dt.date] = models.DateField(_("end date"))
    workload_min_hours: models.PositiveSmallIntegerField[int, int] = (
        models.PositiveSmallIntegerField(_("weekly workload, from (hours)"), default=2)
    )
    workload_max_hours: models.PositiveSmallIntegerField[int, int] = (
        models.PositiveSmallIntegerField(_("weekly workload, up to (hours)"), default=5)
    )
    languages = LanguagesField(_("languages"), default=all_languages)
    application_deadline: models.DateField[dt.date | None, dt.date | None] = models.DateField(
        _("application deadline"), null=True, blank=True
    )
    key_respondent_places: models.PositiveSmallIntegerField[int, int] = (
        models.PositiveSmallIntegerField(_("key-respondent places"), default=0)
    )
    public_forum: models.BooleanField[bool, bool] = models.BooleanField(
        _("forum readable by everyone"),
        default=False,
        help_text=_(
            "Visitors and people not enrolled may read the weeks' discussions (never post)."
        ),
    )
    contact_name: models.CharField[str, str] = models.CharField(
        _("organizers' contact name"), max_length=200, blank=True
    )
    contact_email: models.EmailField[str, str] = models.EmailField(
        _("organizers' contact email"), blank=True
    )
    # The course's own vocabulary, chosen from the shared one (taxonomy): what its harvest
    # and proceedings are tagged with. Empty: every theme and region.
    themes = ParentalManyToManyField(
        "taxonomy.Theme", blank=True, related_name="courses", verbose_name=_("themes")
    )
    regions = ParentalManyToManyField(
        "taxonomy.Region", blank=True, related_name="courses", verbose_name=_("regions")
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("language_written"),
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")], heading=_("Dates")),
        FieldRowPanel(
            [FieldPanel("workload_min_hours"), FieldPanel("workload_max_hours")],
            heading=_("Weekly workload"),
        ),
        FieldPanel("languages"),
        MultiFieldPanel(
            [FieldPanel("application_deadline"), FieldPanel("key_respondent_places")],
            heading=_("Applications"),
        ),
        FieldPanel("public_forum"),
        MultiFieldPanel(
            [FieldPanel("contact_name"), FieldPanel("contact_email")],
            heading=_("Organizers' contact"),
        ),
        MultiFieldPanel(
            [FieldPanel("themes"), FieldPanel("regions")],
            heading=_("Themes and regions of the harvest and proceedings"),
        ),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary")]
    #: Translated for every reader, field by field (see courses.page_texts).
    translated_fields = [("title", "markdown"), ("summary", "markdown")]

    parent_page_types = ["cms.HomePage"]
    subpage_types = ["courses.WeekPage", "proceedings.ProceedingsPage"]

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")

    def clean(self):
        super().clean()
        errors: dict[str, StrOrPromise] = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The course cannot end before it starts.")
        if (
            self.application_deadline
            and self.start_date
            and self.application_deadline > self.start_date
        ):
            errors["application_deadline"] = _(
                "Applications must close on or before the day the course starts (%(date)s)."
            ) % {"date": formats.date_format(self.start_date)}
        if self.workload_max_hours < self.workload_min_hours:
            errors["workload_max_hours"] = _("The upper bound is below the lower one.")
        if not self.languages or set(self.languages) - set(LANGUAGE_CODES):
            errors["languages"] = _("Choose at least one of Spanish, French and English.")
        if "end_date" not in errors:
            errors.update(self._published_weeks_outside())
        if errors:
            raise ValidationError(errors)

    def _published_weeks_outside(self) -> dict[str, StrOrPromise]:
        """Changed dates must still hold the published weeks: name those they would not."""
        if self.pk is None or not (self.start_date and self.end_date):
            return {}
        weeks = WeekPage.objects.child_of(self).live().order_by("number", "path")
        errors: dict[str, StrOrPromise] = {}
        before = [week.title for week in weeks.filter(opens_on__lt=self.start_date)]
        if before:
            errors["start_date"] = _(
                "These published weeks open before this start date: %(weeks)s."
            ) % {"weeks": ", ".join(before)}
        after = [week.title for week in weeks.filter(closes_on__gt=self.end_date)]
        if after:
            errors["end_date"] = _(
                "These published weeks close after this end date: %(weeks)s."
            ) % {"weeks": ", ".join(after)}
        return errors

    def written_in(self) -> str:
        return self.language_written

    def weeks(self) -> models.QuerySet[WeekPage]:
        return WeekPage.objects.child_of(self).live().order_by("number", "path")

    @cached_property
    def current_week(self) -> WeekPage | None:
        """The open week; between two weeks, none is current."""
        today = timezone.localdate()
        return self.weeks().filter(opens_on__lte=today, closes_on__gte=today).first()

    def is_open_for_applications(self, today: dt.date | None = None) -> bool:
        """Applications close at the end of the deadline day (no deadline: until the start)."""
        today = today or timezone.localdate()
        last_day = self.application_deadline or self.start_date
        return today <= last_day

    def has_ended(self, today: dt.date | None = None) -> bool:
        return (today or timezone.localdate()) > self.end_date

    def language_names(self) -> list[StrOrPromise]:
        return [LANGUAGE_NAMES[code] for code in self.languages if code in LANGUAGE_NAMES]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["weeks"] = self.weeks()
        context["current_week"] = self.current_week
        context["proceedings_pages"] = self.proceedings_pages()
        return context

    def proceedings_pages(self) -> models.QuerySet[Page]:
        """The course's live pages that are neither weeks nor case studies: its proceedings
        (a page type of the app above, named here without importing it)."""
        return (
            Page.objects.descendant_of(self)
            .live()
            .not_type((WeekPage, CaseStudyPage))
            .specific()
            .order_by("path")
        )


class WeekPage(Page):
    language_written: models.CharField[str, str] = written_in_field()
    number: models.PositiveSmallIntegerField[int, int] = models.PositiveSmallIntegerField(
        _("week number")
    )
    theme: models.CharField[str, str] = models.CharField(_("theme"), max_length=255, blank=True)
    opens_on: models.DateField[dt.date, dt.date] = models.DateField(_("opens on"))
    closes_on: models.DateField[dt.date, dt.date] = models.DateField(_("closes on"))
    late_posts_until: models.DateField[dt.date | None, dt.date | None] = models.DateField(
        _("late posts accepted until"),
        null=True,
        blank=True,
        help_text=_(
            "Optional: after the week closes, its participants may still post until this "
            "day; such posts are marked late."
        ),
    )
    # Words as courses.text.count_text_words counts them, on the server and in the editor.
    word_target: models.PositiveIntegerField[int | None, int | None] = models.PositiveIntegerField(
        _("suggested length (words)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_(
            "Optional: the length suggested for a weekly response, shown next to the word "
            "count in the post editor. Blank: none."
        ),
    )
    word_limit: models.PositiveIntegerField[int | None, int | None] = models.PositiveIntegerField(
        _("word limit per post"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_(
            "Optional: the most words a post in this week's forum may have; a longer post is "
            "refused and its text given back to its author. Blank: no limit."
        ),
    )
    introduction = RichTextField(_("introduction"), blank=True)
    readings = StreamField(ReadingsBlock(), blank=True, verbose_name=_("readings"))
    questions = StreamField(
        QuestionsBlock(),
        blank=True,
        verbose_name=_("discussion questions"),
        help_text=_("Each question becomes a pinned topic in the week's forum when published."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("language_written"),
        FieldRowPanel([FieldPanel("number"), FieldPanel("theme")]),
        FieldRowPanel(
            [FieldPanel("opens_on"), FieldPanel("closes_on"), FieldPanel("late_posts_until")],
            heading=_("Dates"),
        ),
        FieldRowPanel(
            [FieldPanel("word_target"), FieldPanel("word_limit")], heading=_("Length of posts")
        ),
        FieldPanel("introduction"),
        FieldPanel("readings"),
        FieldPanel("questions"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("theme"),
        index.SearchField("introduction"),
    ]
    translated_fields = [("title", "markdown"), ("theme", "markdown"), ("introduction", "html")]
    base_form_class = WeekPageForm

    parent_page_types = ["courses.CoursePage"]
    subpage_types = ["courses.CaseStudyPage", "proceedings.ProceedingsPage"]

    class Meta:
        verbose_name = _("week")
        verbose_name_plural = _("weeks")

    def clean(self):
        super().clean()
        errors: dict[str, StrOrPromise] = {}
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            errors["closes_on"] = _("A week cannot close before it opens.")
        if self.late_posts_until and self.closes_on and self.late_posts_until < self.closes_on:
            errors["late_posts_until"] = _("Late posts cannot end before the week closes.")
        if self.word_limit and self.word_target and self.word_limit < self.word_target:
            errors["word_limit"] = _(
                "The word limit cannot be below the suggested length (%(target)s words)."
            ) % {"target": formats.number_format(self.word_target, force_grouping=True)}
        course = self._course_for_dates()
        if course is not None:
            if self.opens_on and course.start_date and self.opens_on < course.start_date:
                errors.setdefault(
                    "opens_on",
                    _("The week cannot open before its course starts (%(date)s).")
                    % {"date": formats.date_format(course.start_date)},
                )
            if self.closes_on and course.end_date and self.closes_on > course.end_date:
                errors.setdefault(
                    "closes_on",
                    _("The week cannot close after its course ends (%(date)s).")
                    % {"date": formats.date_format(course.end_date)},
                )
        if errors:
            raise ValidationError(errors)

    def _course_for_dates(self) -> CoursePage | None:
        """The course whose dates bound the week: its parent, or the one the admin's form is
        creating it under (a new page has no place in the tree until saved)."""
        parent = self.get_parent() if self.path else getattr(self, "parent_for_validation", None)
        parent = parent.specific if parent is not None else None
        return parent if isinstance(parent, CoursePage) else None

    def written_in(self) -> str:
        return self.language_written

    def block_texts(self) -> list[Text]:
        """The readings' titles and excerpts (each in its reading's language) and the
        discussion questions, keyed by block id."""
        texts = []
        for reading in self.readings:
            value = reading.value
            title = value.get("title") or ""
            document = value.get("document")
            if not title and document is not None:
                title = document.title
            language = value.get("language") or ""
            texts.append(Text(f"{reading.id}.title", title, "markdown", language))
            excerpt = value.get("excerpt")
            if excerpt is not None:
                texts.append(Text(f"{reading.id}.excerpt", excerpt.source, "html", language))
        for question in self.questions:
            texts.append(Text(f"{question.id}.text", question.value.get("text") or ""))
        return texts

    def state(self, today: dt.date | None = None) -> WeekState:
        today = today or timezone.localdate()
        if today < self.opens_on:
            return WeekState.UPCOMING
        if today > self.closes_on:
            return WeekState.CLOSED
        return WeekState.OPEN

    @property
    def is_open(self) -> bool:
        return self.state() == WeekState.OPEN

    def accepts_late_posts(self, today: dt.date | None = None) -> bool:
        """Closed, but still within the late-posting allowance its organizers gave."""
        today = today or timezone.localdate()
        return (
            self.state(today) == WeekState.CLOSED
            and self.late_posts_until is not None
            and today <= self.late_posts_until
        )

    @cached_property
    def course(self) -> CoursePage | None:
        """The week's course (its parent page), kept between requests with the course's
        structure (courses/kept_structure.py: a course or week saved, moved or deleted moves
        it on). Not to be changed by callers."""
        if self.pk is None:
            return self._parent_course()
        return kept(("course_of_week", self.pk), self._parent_course)

    def _parent_course(self) -> CoursePage | None:
        parent = self.get_parent()
        return parent.specific if parent else None

    def key_respondents(self) -> models.QuerySet:
        """The key respondents assigned to this week (bakerydemo's `BlogPage.authors()`)."""
        from .enrollments import Role

        return (
            get_user_model()
            .objects.filter(enrollments__week=self, enrollments__role=Role.KEY_RESPONDENT)
            .distinct()
            .order_by("last_name", "first_name", "username")
        )

    def case_studies(self) -> models.QuerySet[CaseStudyPage]:
        return (
            CaseStudyPage.objects.child_of(self).live().prefetch_related("authors").order_by("path")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["course"] = self.course
        context["case_studies"] = self.case_studies()
        context["key_respondents"] = self.key_respondents()
        context["proceedings_pages"] = (
            self.get_children().live().not_type(CaseStudyPage).specific().order_by("path")
        )
        return context


class CaseStudyPage(Page):
    authors = ParentalManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="case_studies",
        verbose_name=_("key respondents"),
        help_text=_("The authors; each of them can edit this case study."),
    )
    region: models.CharField[str, str] = models.CharField(_("region or country"), max_length=200)
    language: models.CharField[str, str] = models.CharField(
        _("language"), max_length=2, choices=LANGUAGES
    )
    # The shared vocabulary (taxonomy): what members' alerts and the proceedings match. The
    # free text above stays the author's own words for the place.
    territory: models.ForeignKey[Region | None, Region | None] = models.ForeignKey(
        "taxonomy.Region",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("region (for alerts and proceedings)"),
    )
    themes = ParentalManyToManyField(
        "taxonomy.Theme", blank=True, related_name="case_studies", verbose_name=_("themes")
    )
    abstract: models.TextField[str, str] = models.TextField(_("abstract"))
    body = RichTextField(
        _("case study"),
        features=["h3", "h4", "bold", "italic", "ol", "ul", "link", "blockquote"],
        help_text=_("One to one and a half pages: about 900 words at most."),
    )
    policy_reflections = RichTextField(
        _("policy reflections"), blank=True, features=["bold", "italic", "ol", "ul", "link"]
    )
    advocacy_experience = RichTextField(
        _("advocacy experience"), blank=True, features=["bold", "italic", "ol", "ul", "link"]
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("authors"),
        FieldRowPanel([FieldPanel("region"), FieldPanel("language")]),
        FieldRowPanel([FieldPanel("territory"), FieldPanel("themes")]),
        FieldPanel("abstract"),
        FieldPanel("body"),
        WordCountPanel("body", limit=CASE_STUDY_WORD_LIMIT),
        FieldPanel("policy_reflections"),
        FieldPanel("advocacy_experience"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("abstract"),
        index.SearchField("body"),
        index.FilterField("language"),
    ]
    translated_fields = [
        ("title", "markdown"),
        ("region", "markdown"),
        ("abstract", "markdown"),
        ("body", "html"),
        ("policy_reflections", "html"),
        ("advocacy_experience", "html"),
    ]
    base_form_class = CaseStudyPageForm

    parent_page_types = ["courses.WeekPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("case study")
        verbose_name_plural = _("case studies")

    def written_in(self) -> str:
        return self.language

    @property
    def word_count(self) -> int:
        return count_words(self.body)

    @property
    def is_too_long(self) -> bool:
        return self.word_count > CASE_STUDY_WORD_LIMIT

    def permissions_for_user(self, user):
        # Co-authors listed on the case study may edit it, not only its owner.
        return CaseStudyPermissionTester(user, self)
