"""Who may write which page: key respondents write their own case studies, nothing else.

Wagtail's page permissions are per subtree, not per page type, so the "Key respondents"
group holds "add" on the whole tree (which also lets them edit the pages they own) and the
rules below narrow it: what they may create (enforced by the `before_create_page`,
`before_copy_page` and `before_move_page` hooks) and which case studies they may edit.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Q
from wagtail.models import Page, PagePermissionTester

from .editorial import ORGANIZERS_GROUP
from .models import CaseStudyPage, Enrollment, Role, WeekPage


def is_organizer(user: AbstractBaseUser | AnonymousUser) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or user.groups.filter(name=ORGANIZERS_GROUP).exists()


def may_create_page(
    user: AbstractBaseUser | AnonymousUser, parent: Page, page_class: type[Page]
) -> bool:
    """Organizers build courses; a key respondent adds case studies to their own week only."""
    if is_organizer(user):
        return True
    if not user.is_authenticated or not issubclass(page_class, CaseStudyPage):
        return False
    week = parent.specific
    if not isinstance(week, WeekPage):
        return False
    return (
        Enrollment.objects.filter(
            user=user, course_id=week.get_parent().pk, role=Role.KEY_RESPONDENT
        )
        .filter(Q(week__isnull=True) | Q(week=week))
        .exists()
    )


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
