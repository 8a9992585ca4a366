"""Members' consent to be quoted in a course's proceedings: by name, anonymously ("a
participant from Ecuador", the region they choose) or not at all.

No row means not at all: nobody is quoted before they choose. Every enrolled member of the
course chooses for themselves (`/proceedings/<course id>/consent/`, linked from the course
page and from "My progress" while they have not chosen); harvesters see each author's
choice next to their passages. How a quote is attributed is `proceedings.attribution`'s.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import AnonymousUser, User

from courses.models import AfterCourse, CoursePage, Enrollment
from taxonomy.models import Region

from .models import QuoteConsent

Choice = QuoteConsent.Choice


def consent_of(member: User, course: CoursePage) -> QuoteConsent | None:
    return (
        QuoteConsent.objects.filter(member=member, course=course).select_related("region").first()
    )


def consents_of(members: Iterable[int], course: CoursePage) -> dict[int, QuoteConsent]:
    """Many authors' choices at once (one query), by member id."""
    return {
        consent.member_id: consent
        for consent in QuoteConsent.objects.filter(
            course=course, member_id__in=list(members)
        ).select_related("region")
    }


def may_choose(user: User | AnonymousUser, course: CoursePage) -> bool:
    """Enrolled members of the course (in any role) who have not left it."""
    if not user.is_authenticated:
        return False
    return (
        Enrollment.objects.filter(user=user, course=course)
        .exclude(after_course=AfterCourse.LEAVE)
        .exists()
    )


def choose_consent(
    *, member: User, course: CoursePage, choice: str, region: Region | None = None
) -> QuoteConsent:
    """Record the member's choice; a region only describes an anonymous quote."""
    consent, _created = QuoteConsent.objects.update_or_create(
        member=member,
        course=course,
        defaults={
            "choice": Choice(choice),
            "region": region if choice == Choice.ANONYMOUS else None,
        },
    )
    return consent
