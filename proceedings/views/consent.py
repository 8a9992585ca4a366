"""A member's choice of how the course's proceedings may quote them."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from courses.models import CoursePage
from members.http import AuthenticatedHttpRequest
from translations.display import reader_languages

from ..consent import choose_consent, consent_of, may_choose
from ..forms import ConsentForm


@login_required
@require_http_methods(["GET", "POST"])
def consent_view(request: AuthenticatedHttpRequest, course_id: int) -> HttpResponse:
    course = get_object_or_404(CoursePage.objects.live(), pk=course_id)
    if not may_choose(request.user, course):
        return render(request, "proceedings/consent.html", {"course": course}, status=404)
    consent = consent_of(request.user, course)
    language, reads = reader_languages(request.user, get_language())
    form = ConsentForm(
        request.POST or None,
        initial={
            "choice": consent.choice if consent else None,
            "region": consent.region_id if consent else None,
        },
        course=course,
        language=language,
        reads=reads,
    )
    if request.method == "POST" and form.is_valid():
        choose_consent(
            member=request.user,
            course=course,
            choice=form.cleaned_data["choice"],
            region=form.cleaned_data["region"],
        )
        messages.success(request, _("Your choice is saved. You may change it at any time."))
        return redirect("proceedings:consent", course_id=course.pk)
    return render(
        request,
        "proceedings/consent.html",
        {"course": course, "form": form, "consent": consent},
        status=400 if form.errors else 200,
    )
