"""The members' directory, a member's profile page and the member's own profile form."""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models.functions import Lower
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from courses.vocabulary_texts import TermName, shown_terms
from forum.discussion import post_url
from members.languages import LANGUAGE_NAMES
from members.profiles import get_profile
from taxonomy.models import Region, Theme
from translations.display import reader_languages, shown_posts

from .contributions import contributions
from .forms import DirectoryFilters, ProfileForm
from .network import communities_of, projects_of
from .profile_texts import request_profile_texts
from .search import filter_profiles
from .territory import region_named
from .visibility import is_site_staff, listed_profiles, may_see_profile

MEMBERS_PER_PAGE = 24
POSTS_PER_PAGE = 10


def vocabulary(request: HttpRequest) -> tuple[list[Region], list[Theme], list[TermName]]:
    """Every region and theme, with their names in the reader's language (a fixed number of
    queries, whatever the number of terms)."""
    regions, themes = list(Region.objects.all()), list(Theme.objects.all())
    language, reads = reader_languages(request.user, get_language())
    return regions, themes, shown_terms([*regions, *themes], language=language, reads=reads)


def _named(names: list[TermName]) -> dict[tuple[str, int], TermName]:
    return {(name.kind, name.term.pk): name for name in names}


def shown_terms_of(profile, named: dict[tuple[str, int], TermName]) -> list[TermName]:
    """The themes and territory the member shows, named in the reader's language."""
    terms = []
    if profile.show_themes:
        terms += [named[("theme", theme.pk)] for theme in profile.themes.all()]
    if profile.show_territory and profile.territory_id is not None:
        terms.append(named[("region", profile.territory_id)])
    return terms


def language_names(profile) -> list[str]:
    return [
        str(LANGUAGE_NAMES[code]) for code in LANGUAGE_NAMES if code in profile.languages_read()
    ]


def directory_index(request: HttpRequest) -> HttpResponse:
    regions, themes, names = vocabulary(request)
    filters = DirectoryFilters(request.GET or None, names=names)
    profiles = listed_profiles(request.user)
    if filters.is_valid():
        data = filters.cleaned_data
        profiles = filter_profiles(
            profiles,
            territory=data["territory"],
            regions=regions,
            theme=data["theme"],
            language=data["language"],
            words=data["q"],
        )
    profiles = (
        profiles.select_related("user")
        .prefetch_related("themes")
        .order_by(Lower("display_name"), "user__username")
    )
    page = Paginator(profiles, MEMBERS_PER_PAGE).get_page(request.GET.get("page"))
    named = _named(names)
    profiles_shown = list(page.object_list)
    for profile in profiles_shown:  # what the card shows, beside the profile's texts
        profile.shown_terms = shown_terms_of(profile, named)
        profile.shown_languages = language_names(profile) if profile.show_languages else []
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "directory/index.html",
        {
            "filters": filters,
            "page_obj": page,
            # Their expertise in the reader's language: two queries for the whole page.
            "profiles_shown": profiles_shown,
            "filtered": any(value for key, value in request.GET.items() if key != "page"),
            "query": query.urlencode(),
        },
    )


def profile_page(request: HttpRequest, username: str) -> HttpResponse:
    member = get_object_or_404(get_user_model(), username=username)
    profile = get_profile(member)
    if not may_see_profile(request.user, profile):
        raise Http404
    language, reads = reader_languages(request.user, get_language())
    context: dict[str, Any] = {
        "profile": profile,
        "member": member,
        "is_self": request.user.pk == member.pk,
        "staff_view": is_site_staff(request.user) and request.user.pk != member.pk,
        "themes": profile.themes.all() if profile.show_themes else [],
        "territory": profile.territory if profile.show_territory else None,
        # Not "languages": the base template's language switcher reads that name.
        "languages_read": language_names(profile) if profile.show_languages else [],
    }
    if profile.show_contributions:
        handler = getattr(request, "forum_permission_handler", None)
        page = Paginator(contributions(member, request.user, handler), POSTS_PER_PAGE).get_page(
            request.GET.get("page")
        )
        posts = shown_posts(list(page.object_list), language=language, reads=reads)
        for shown in posts:
            shown.url = post_url(shown.post.topic.forum, shown.post)
        context.update(
            page_obj=page,
            posts=posts,
            communities=communities_of(member, request.user),
            projects=projects_of(member, request.user),
        )
    return render(request, "directory/profile.html", context)


@login_required
def edit_profile(request: HttpRequest) -> HttpResponse:
    profile = get_profile(cast(User, request.user))
    _regions, _themes, names = vocabulary(request)
    initial = {}
    if profile.territory_id is None and profile.region:
        initial["territory"] = region_named(profile.region)
    form = ProfileForm(request.POST or None, instance=profile, initial=initial, names=names)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            profile = form.save()
            request_profile_texts(profile)
        messages.success(request, _("Your profile is saved."))
        return redirect("directory:profile", username=request.user.get_username())
    return render(request, "directory/edit.html", {"form": form, "profile": profile})
