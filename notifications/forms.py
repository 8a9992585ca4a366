"""A member's notification choices, and organizers' forum modes."""

from __future__ import annotations

import zoneinfo
from functools import cache

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from courses.models import CoursePage
from courses.vocabulary_texts import shown_terms
from taxonomy.models import Region, Theme
from translations.display import reader_languages

from .models import AlertChoice, EmailChoice, NotificationSettings, SubscriptionMode


@cache
def time_zone_choices() -> list[tuple[str, str]]:
    names = sorted(zoneinfo.available_timezones() - {"localtime", "Factory"})
    return [(name, name.replace("_", " ")) for name in names]


def hour_choices() -> list[tuple[int, str]]:
    return [(hour, f"{hour:02d}:00") for hour in range(24)]


class NotificationSettingsForm(forms.ModelForm):
    """How and when a member is emailed; which of their courses' forums they follow."""

    email = forms.ChoiceField(
        label=_("Emails"),
        choices=EmailChoice.choices,
        widget=forms.RadioSelect,
        help_text=_("Every notice is also listed in your notification centre on the site."),
    )
    time_zone = forms.ChoiceField(label=_("Your time zone"), choices=time_zone_choices)
    digest_hour = forms.TypedChoiceField(
        label=_("Digests arrive at"),
        choices=hour_choices,
        coerce=int,
        help_text=_("The hour of your day when a daily or weekly digest is sent."),
    )

    # Alerts by theme and region (notifications.alerts); names in the reader's language.
    alert_themes = forms.ModelMultipleChoiceField(
        label=_("Themes"),
        queryset=Theme.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    alert_regions = forms.ModelMultipleChoiceField(
        label=_("Regions"),
        queryset=Region.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("A region includes the regions within it (Canada includes Quebec)."),
    )
    alerts = forms.ChoiceField(
        label=_("How you hear of them"),
        choices=AlertChoice.choices,
        widget=forms.RadioSelect,
        required=False,
    )

    # Per course: no email about it (its notices still in the centre); names as read.
    muted_courses = forms.ModelMultipleChoiceField(
        label=_("Mute the emails of these courses"),
        queryset=CoursePage.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Their notices still appear in your notification centre."),
    )

    class Meta:
        model = NotificationSettings
        fields = [
            "email",
            "time_zone",
            "digest_hour",
            "alert_themes",
            "alert_regions",
            "alerts",
            "muted_courses",
        ]

    def __init__(self, *args, forums=(), courses=(), **kwargs) -> None:
        """`forums`: (forum, name, mode, follows) for each forum of the member's courses;
        `courses`: (course, name as read) for each of their courses."""
        super().__init__(*args, **kwargs)
        self.name_vocabulary(getattr(self.instance, "user", None))
        course_names = {course.pk: name for course, name in courses}
        muted = self.fields["muted_courses"]
        muted.queryset = CoursePage.objects.filter(pk__in=course_names).order_by("pk")  # type: ignore[attr-defined]
        muted.label_from_instance = lambda course: course_names.get(course.pk, course.title)  # type: ignore[attr-defined]
        self.forums = list(forums)
        for forum, name, mode, follows in self.forums:
            forced = mode == SubscriptionMode.FORCED
            self.fields[self.forum_field(forum)] = forms.BooleanField(
                label=name,
                required=False,
                initial=follows,
                disabled=forced,
                help_text=_("Required by the course's organizers") if forced else "",
            )

    def clean_alerts(self) -> str:
        return self.cleaned_data.get("alerts") or AlertChoice.DIGEST

    def name_vocabulary(self, user) -> None:
        """Theme and region choices labelled in the member's reading language."""
        language, reads = reader_languages(user, get_language() or "en")
        terms: list[Theme | Region] = [*Theme.objects.all(), *Region.objects.all()]
        names = {
            (name.kind, name.term.pk): name.name
            for name in shown_terms(terms, language=language, reads=reads)
        }
        for field, kind in (("alert_themes", "theme"), ("alert_regions", "region")):
            self.fields[field].label_from_instance = (  # type: ignore[attr-defined]
                lambda term, kind=kind: names.get((kind, term.pk), term.name)
            )

    @staticmethod
    def forum_field(forum) -> str:
        return f"forum_{forum.pk}"

    def forum_fields(self):
        return [self[self.forum_field(forum)] for forum, *_rest in self.forums]

    def chosen_forums(self) -> list[tuple[object, bool]]:
        """(forum, wants to follow) for the forums a member may choose for."""
        return [
            (forum, bool(self.cleaned_data.get(self.forum_field(forum))))
            for forum, _name, mode, _follows in self.forums
            if mode in (SubscriptionMode.OPTIONAL, SubscriptionMode.AUTO)
        ]


class ForumModeForm(forms.Form):
    """The modes of a course's week forums: one select each."""

    def __init__(self, *args, forums=(), **kwargs) -> None:
        """`forums`: (forum, label, mode)."""
        super().__init__(*args, **kwargs)
        self.forums = list(forums)
        for forum, label, mode in self.forums:
            self.fields[f"mode_{forum.pk}"] = forms.ChoiceField(
                label=label, choices=SubscriptionMode.choices, initial=mode
            )

    def chosen_modes(self) -> list[tuple[object, str]]:
        return [(forum, self.cleaned_data[f"mode_{forum.pk}"]) for forum, *_rest in self.forums]
