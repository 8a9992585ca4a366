"""The glossary in the Wagtail admin, scoped to the courses each organizer organizes.

Wagtail's generic views check model permissions only, so each view the viewset builds
narrows them: the listing to the user's courses, every view of one term to a term of
theirs (404 otherwise), and the form's course choices to theirs.
"""

from __future__ import annotations

import django_filters
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views import generic
from wagtail.admin.views.generic import history, usage
from wagtail.admin.viewsets.model import ModelViewSet

from translations.models import GlossaryTerm

from .glossary import glossary_courses


class OwnCoursesTerms:
    """Mixed into the glossary's views of one term: another course's term is not found."""

    def get_object(self, *args, **kwargs):
        term = super().get_object(*args, **kwargs)
        if not glossary_courses(self.request.user).filter(pk=term.course_id).exists():
            raise Http404
        return term


class OwnCoursesChoice:
    """Mixed into the glossary's forms: a term goes only into one of the user's courses.

    The field's queryset is what validates the POST, so a forged course id is refused
    ("Select a valid choice"), not just hidden from the list.
    """

    def get_form(self, *args, **kwargs):
        form = super().get_form(*args, **kwargs)
        form.fields["course"].queryset = glossary_courses(self.request.user)
        return form


class GlossaryIndexView(generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().filter(course__in=glossary_courses(self.request.user))


class GlossaryCreateView(OwnCoursesChoice, generic.CreateView):
    pass


class GlossaryEditView(OwnCoursesChoice, OwnCoursesTerms, generic.EditView):
    pass


class GlossaryCopyView(OwnCoursesChoice, OwnCoursesTerms, generic.CopyView):
    pass


class GlossaryDeleteView(OwnCoursesTerms, generic.DeleteView):
    pass


class GlossaryHistoryView(OwnCoursesTerms, history.HistoryView):
    pass


class GlossaryUsageView(OwnCoursesTerms, usage.UsageView):
    pass


class GlossaryInspectView(OwnCoursesTerms, generic.InspectView):
    pass


class GlossaryFilterSet(WagtailFilterSet):
    course = django_filters.ModelChoiceFilter(
        label=_("course"), queryset=lambda request: glossary_courses(request.user)
    )

    class Meta:
        model = GlossaryTerm
        fields = ["course", "do_not_translate"]


class GlossaryViewSet(ModelViewSet):
    """Organizers keep their courses' agreed renderings; saving one re-translates its posts.

    Organizers (a group with the model permissions) see, add, change and delete only the
    terms of the courses they organize (see :func:`forum.glossary.glossary_courses`).
    """

    model = GlossaryTerm
    icon = "list-ul"
    menu_label = _("Glossary")
    add_to_admin_menu = True
    menu_order = 902
    form_fields = ["course", "term_es", "term_fr", "term_en", "do_not_translate", "note"]
    list_display = ["__str__", "course", "do_not_translate"]
    filterset_class = GlossaryFilterSet
    index_view_class = GlossaryIndexView
    add_view_class = GlossaryCreateView
    edit_view_class = GlossaryEditView
    copy_view_class = GlossaryCopyView
    delete_view_class = GlossaryDeleteView
    history_view_class = GlossaryHistoryView
    usage_view_class = GlossaryUsageView
    inspect_view_class = GlossaryInspectView
