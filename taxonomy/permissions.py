"""Who may change or delete a theme or region of the shared vocabulary.

The names are one list that every course, community, profile, project and alert tags with,
so renaming or deleting a term changes it for all of them. The model permissions (given to
the site-wide Organizers group) say who may keep the list at all; for one term, the app that
knows its uses (`proceedings.vocabulary_rights`, registered in its AppConfig) refuses a
change the user's rights do not cover, and says why.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from wagtail.permission_policies import ModelPermissionPolicy

#: The actions on one term that its uses restrict; adding and viewing are model-wide.
RESTRICTED_ACTIONS = frozenset({"change", "delete"})


class TermPermissionPolicy(ModelPermissionPolicy):
    """Model permissions; on one term, change and delete also need `refusals` to say nothing
    (superusers are never refused)."""

    def refusals(self, user: Any, terms: Iterable[Any]) -> dict[int, str]:
        """Why the user may not change or delete each of these terms, by id (none: may)."""
        return {}

    def refusal(self, user: Any, term: Any) -> str | None:
        if user.is_active and user.is_superuser:
            return None
        return self.refusals(user, [term]).get(term.pk)

    def user_has_permission_for_instance(self, user: Any, action: str, instance: Any) -> bool:
        if not self.user_has_permission(user, action):
            return False
        return action not in RESTRICTED_ACTIONS or self.refusal(user, instance) is None

    def instances_user_has_any_permission_for(self, user: Any, actions: Iterable[str]):
        actions = set(actions)
        terms = super().instances_user_has_any_permission_for(user, actions)
        if user.is_active and user.is_superuser:
            return terms
        if any(self.user_has_permission(user, action) for action in actions - RESTRICTED_ACTIONS):
            return terms
        refused = self.refusals(user, list(terms))
        return terms.exclude(pk__in=refused)
