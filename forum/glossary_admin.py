"""The glossary in the Wagtail admin, scoped to the courses each organizer organizes."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from courses.viewsets import CourseScopedViewSet
from translations.models import GlossaryTerm


class GlossaryViewSet(CourseScopedViewSet):
    """Organizers keep their courses' agreed renderings; saving one re-translates its posts.

    Organizers (a group with the model permissions) see, add, change and delete only the
    terms of the courses they organize (see :mod:`courses.viewsets`).
    """

    model = GlossaryTerm
    icon = "list-ul"
    menu_label = _("Glossary")
    add_to_admin_menu = True
    menu_order = 902
    # Each language's term with its grammar beside it: the plural (matched in posts, and
    # written when the source was plural) and, for Spanish and French, the gender that
    # the articles and adjectives next to it take (see translations.grammar).
    form_fields = [
        "course",
        "term_es",
        "plural_es",
        "gender_es",
        "term_fr",
        "plural_fr",
        "gender_fr",
        "term_en",
        "plural_en",
        "do_not_translate",
        "note",
    ]
    list_display = ["__str__", "course", "do_not_translate"]
    list_filter = ["course", "do_not_translate"]
