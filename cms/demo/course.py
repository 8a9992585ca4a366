"""The demo cohort's course side: its people, the course with its six weeks and case
studies, the enrollments and the applications (one still pending).

`load_demo` loads this first, then the discussions on top (`cms.demo.discussions`).
Loading is idempotent: whatever already exists (matched by username or page slug) is left
as it is, so a second run creates and changes nothing. Weeks are dated
from the day of the first run so that week 3 is the open one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from cms.models import HomePage
from courses.editorial import ensure_editorial_setup
from courses.enrollment import enroll
from courses.models import Application, CaseStudyPage, CoursePage, Role, WeekPage
from members.profiles import get_profile
from taxonomy.models import Region, Theme
from translations.models import GlossaryTerm

from .data import CASE_STUDIES, COURSE, GLOSSARY, WEEKS, CaseStudy
from .vocabulary import load_vocabulary, review_vocabulary_names

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

DEMO_PASSWORD = "puentes-demo"  # noqa: S105  (printed with the logins: a demo, not a secret)
COURSE_SLUG = "canada-latin-america-forum"

# username, first name, last name, role, preferred language, organisation, region, week
PEOPLE = [
    ("organizer", "Marie-Claude", "Tremblay", Role.ORGANIZER, "fr",
     "Puentes", "Montréal, Canada", None),
    ("respondent-fr", "Étienne", "Gagnon", Role.KEY_RESPONDENT, "fr",
     "Chantier de l'économie sociale", "Québec, Canada", 4),
    ("respondent-es", "Lucía", "Quispe", Role.KEY_RESPONDENT, "es",
     "Red de Economía Solidaria", "Quito, Ecuador", 5),
    ("participant-es", "Ana", "Morales", Role.PARTICIPANT, "es",
     "Cooperativa La Minga", "Cochabamba, Bolivia", None),
    ("participant-fr", "Louis", "Bergeron", Role.PARTICIPANT, "fr",
     "CDEC Rosemont", "Montréal, Canada", None),
    ("participant-en", "Sarah", "Mitchell", Role.PARTICIPANT, "en",
     "Canadian CED Network", "Winnipeg, Canada", None),
    ("translator", "Diego", "Fernández", Role.TRANSLATOR, "es",
     "Puentes", "Ciudad de México, México", None),
    ("respondent-en", "Jenna", "Whitehorse", Role.KEY_RESPONDENT, "en",
     "Northern Co-op Federation", "Yukon, Canada", 3),
]  # fmt: skip

# Not enrolled yet: an application waiting for the organizers' decision.
APPLICANT = ("applicant", "Rosa", "Huamán", Role.KEY_RESPONDENT, "es",
             "Central de Cafetaleras", "Cusco, Perú", None)  # fmt: skip


@dataclass
class DemoReport:
    created: list[str] = field(default_factory=list)
    logins: list[tuple[str, StrOrPromise, str]] = field(default_factory=list)


@dataclass
class DemoCohort:
    """What the discussions are built on: the course, its weeks by number, people by username."""

    course: CoursePage
    weeks: dict[int, WeekPage]
    people: dict[str, User]
    report: DemoReport


def week_dates(start: dt.date, number: int) -> tuple[dt.date, dt.date]:
    opens_on = start + dt.timedelta(weeks=number - 1)
    return opens_on, opens_on + dt.timedelta(days=6)


@transaction.atomic
def load_cohort() -> DemoCohort:
    report = DemoReport()
    editorial = ensure_editorial_setup()
    if load_vocabulary():
        report.created.append("themes and regions")
    people = {row[0]: _person(row, report) for row in PEOPLE}
    review_vocabulary_names(people["translator"])
    organizer = people["organizer"]
    # The organizer publishes the course before being enrolled in it.
    organizer.groups.add(editorial.organizers)
    course = _course(organizer, report)
    _glossary(course)
    weeks = {spec["number"]: _week(course, spec, organizer, report) for spec in WEEKS}
    for username, _first, _last, role, *_rest, week_number in PEOPLE:
        enroll(
            course=course,
            user=people[username],
            role=role,
            week=weeks[week_number] if week_number else None,
        )
    for case_study in CASE_STUDIES:
        _case_study(weeks[case_study.week], case_study, people, organizer, report)
    _applications(course, people, _person(APPLICANT, report), report)
    return DemoCohort(course=course, weeks=weeks, people=people, report=report)


def _applications(course: CoursePage, people, applicant, report: DemoReport) -> None:
    """The participants' accepted applications, and one key respondent's still pending."""
    for username in ("participant-es", "participant-fr", "participant-en"):
        Application.objects.get_or_create(
            course=course,
            user=people[username],
            defaults={"work_description": "—", "status": Application.Status.ACCEPTED},
        )
    _application, created = Application.objects.get_or_create(
        course=course,
        user=applicant,
        defaults={
            "role": Application.AppliedRole.KEY_RESPONDENT,
            "work_description": "Acompaño a cooperativas cafetaleras de mujeres en Cusco.",
            "key_respondent_statement": "Un caso: la Central de Cafetaleras y el fondo "
            "rotatorio que sostiene a sus socias entre dos cosechas.",
        },
    )
    if created:
        report.created.append("a pending application")


def _person(row, report: DemoReport):
    username, first_name, last_name, role, language, organisation, region, _week = row
    user, created = get_user_model().objects.get_or_create(
        username=username,
        defaults={
            "first_name": first_name,
            "last_name": last_name,
            "email": f"{username}@puentes.example.org",
        },
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
        profile = get_profile(user)
        profile.preferred_language = language
        profile.organisation = organisation
        profile.region = region
        profile.save()
        report.created.append(f"user {username}")
    # Sign-in asks for a verified address: the demo's are, so its logins work at once.
    EmailAddress.objects.get_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    report.logins.append((username, Role(role).label, language))
    return user


def _glossary(course: CoursePage) -> None:
    """The organizers' glossary, before the weeks: their texts are translated with it."""
    for entry in GLOSSARY:
        key = {name: value for name, value in entry.items() if name.startswith("term_")}
        GlossaryTerm.objects.get_or_create(course=course, **key, defaults=entry)


def _course(organizer, report: DemoReport) -> CoursePage:
    home = HomePage.objects.first()
    existing = CoursePage.objects.child_of(home).filter(slug=COURSE_SLUG).first()
    if existing is not None:
        return existing
    start, _end = week_dates(timezone.localdate() - dt.timedelta(weeks=2, days=2), 1)
    course = CoursePage(
        slug=COURSE_SLUG,
        owner=organizer,
        start_date=start,
        end_date=start + dt.timedelta(weeks=6, days=-1),
        application_deadline=start - dt.timedelta(weeks=3),
        live=False,
        **COURSE,
    )
    home.add_child(instance=course)
    course.save_revision(user=organizer).publish(user=organizer)
    report.created.append(f"course {course.title}")
    return course


DEMO_WORD_TARGET = 300
DEMO_WORD_LIMIT = 1000


def _week(course: CoursePage, spec: dict, organizer, report: DemoReport) -> WeekPage:
    existing = WeekPage.objects.child_of(course).filter(slug=spec["slug"]).first()
    if existing is not None:
        return existing
    opens_on, closes_on = week_dates(course.start_date, spec["number"])
    week = WeekPage(
        owner=organizer,
        opens_on=opens_on,
        closes_on=closes_on,
        # A weekly response of about a page; the editor counts against both.
        word_target=DEMO_WORD_TARGET,
        word_limit=DEMO_WORD_LIMIT,
        live=False,
        **spec,
    )
    course.add_child(instance=week)
    # Publishing opens the week's forum and its question topics, in the organizer's name.
    week.save_revision(user=organizer).publish(user=organizer)
    report.created.append(f"week {week.number}")
    return week


def _case_study(week: WeekPage, spec: CaseStudy, people, organizer, report: DemoReport) -> None:
    if CaseStudyPage.objects.child_of(week).filter(slug=spec.slug).exists():
        return
    author = people[spec.author]
    page = CaseStudyPage(
        slug=spec.slug,
        title=spec.title,
        owner=author,
        region=spec.region,
        language=spec.language,
        abstract=spec.abstract,
        body=spec.body,
        policy_reflections=spec.policy_reflections,
        advocacy_experience=spec.advocacy_experience,
        live=False,
    )
    page.territory = Region.objects.filter(slug=spec.territory).first()
    week.add_child(instance=page)
    page.authors.set([author])
    page.themes.set(Theme.objects.filter(slug__in=spec.themes))
    page.save()
    # Written by the key respondent, approved and published by the organizer.
    page.save_revision(user=author).publish(user=organizer)
    report.created.append(f"case study {spec.slug}")
