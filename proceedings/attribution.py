"""Who said it: how the proceedings name the author of a quoted passage, as they consented.

A member with no consent row, or who chose "not at all", is never quoted (None). "By my
name" gives their display name (as the site shows it everywhere); "anonymously" gives their
role in the course and the region they chose, in the proceedings' language ("a participant
from Ecuador", "una persona participante de Ecuador"). :func:`attributions` does it for many
passages in a fixed number of queries, which the compilation relies on.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.contrib.auth import get_user_model
from django.utils import translation
from django.utils.translation import gettext

from courses.models import Enrollment, Role
from courses.vocabulary_texts import shown_terms
from members.models import Profile

from .models.harvest import Passage, QuoteConsent

Choice = QuoteConsent.Choice

#: The role an anonymous quote gives, when a member holds several in the course.
ROLE_ORDER = [Role.ORGANIZER, Role.KEY_RESPONDENT, Role.PARTICIPANT, Role.TRANSLATOR]


def anonymous_description(role: str | None, region_name: str) -> str:
    """ "a participant from Ecuador" in the active language; no region: "a participant"."""
    if role == Role.ORGANIZER:
        if region_name:
            return gettext("an organizer from %(region)s") % {"region": region_name}
        return gettext("an organizer")
    if role == Role.KEY_RESPONDENT:
        if region_name:
            return gettext("a key respondent from %(region)s") % {"region": region_name}
        return gettext("a key respondent")
    if region_name:
        return gettext("a participant from %(region)s") % {"region": region_name}
    return gettext("a participant")


def attributions(passages: Sequence[Passage], *, language: str) -> dict[int, str | None]:
    """{passage id: attribution or None} for passages whose posts (and posters) are loaded.

    Three queries at most, however many passages: the consents, the roles and the names.
    """
    posters = {passage.post.poster_id for passage in passages if passage.post.poster_id}
    if not posters:
        return {passage.pk: None for passage in passages}
    course_ids = {passage.course_id for passage in passages}
    consents = {
        (consent.member_id, consent.course_id): consent
        for consent in QuoteConsent.objects.filter(
            course_id__in=course_ids, member_id__in=posters
        ).select_related("region")
    }
    quoted = [c for c in consents.values() if c.choice in (Choice.NAME, Choice.ANONYMOUS)]
    names = _names({c.member_id for c in quoted if c.choice == Choice.NAME})
    anonymous = [c for c in quoted if c.choice == Choice.ANONYMOUS]
    roles = _roles(anonymous)
    regions = [c.region for c in anonymous if c.region is not None]
    region_names = {
        term.term.pk: term.name for term in shown_terms(_unique(regions), language=language)
    }
    result: dict[int, str | None] = {}
    with translation.override(language):
        for passage in passages:
            consent = consents.get((passage.post.poster_id, passage.course_id))
            if consent is None or consent.choice not in (Choice.NAME, Choice.ANONYMOUS):
                result[passage.pk] = None
            elif consent.choice == Choice.NAME:
                result[passage.pk] = names.get(consent.member_id) or None
            else:
                region = region_names.get(consent.region_id, "") if consent.region_id else ""
                role = roles.get((consent.member_id, consent.course_id))
                result[passage.pk] = anonymous_description(role, region)
    return result


def attribution(passage: Passage, *, language: str) -> str | None:
    """The passage's attribution in ``language``; None: its author may not be quoted."""
    return attributions([passage], language=language)[passage.pk]


def _names(user_ids: set[int]) -> dict[int, str]:
    """Display names as the site shows them (members.templatetags.member_names)."""
    if not user_ids:
        return {}
    users = get_user_model().objects.filter(pk__in=user_ids)
    profiles = {
        profile.user_id: profile.display_name
        for profile in Profile.objects.filter(user_id__in=user_ids).only("user_id", "display_name")
    }
    return {
        user.pk: profiles.get(user.pk) or user.get_full_name() or user.get_username()
        for user in users
    }


def _roles(consents: list[QuoteConsent]) -> dict[tuple[int, int], str]:
    if not consents:
        return {}
    rows = Enrollment.objects.filter(
        course_id__in={c.course_id for c in consents}, user_id__in={c.member_id for c in consents}
    ).values_list("user_id", "course_id", "role")
    roles: dict[tuple[int, int], str] = {}
    for user_id, course_id, role in rows:
        key = (user_id, course_id)
        known = roles.get(key)
        if known is None or ROLE_ORDER.index(Role(role)) < ROLE_ORDER.index(Role(known)):
            roles[key] = role
    return roles


def _unique(items: list) -> list:
    seen: dict[int, object] = {}
    for item in items:
        seen.setdefault(item.pk, item)
    return list(seen.values())
