"""The demo's member profiles (the directory): people in several regions, public or shown to
members, with their themes, what they offer and a short bio in their own language.

Made the way the profile form saves them: the bio and expertise are queued for translation
(`directory.profile_texts`). Idempotent: a profile that already has a bio is left as it is.
"""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction

from directory.profile_texts import request_profile_texts
from members.profiles import get_profile
from taxonomy.models import Region, Theme

# username: visibility, territory slug (cms.demo.vocabulary), themes, expertise, bio
PROFILES = {
    "participant-es": (
        "public", "bolivia", ["access-to-capital", "training"],
        "Ahorro y crédito cooperativo en zonas rurales; formación de socias.",
        "Coordino la Cooperativa La Minga en Cochabamba: ahorro y crédito para mujeres "
        "productoras y una panadería comunitaria en marcha.",
    ),
    "respondent-es": (
        "public", "ecuador", ["co-construction", "legislation"],
        "Incidencia ante gobiernos locales; la Ley de Economía Popular y Solidaria.",
        "Trabajo en la Red de Economía Solidaria de Quito, entre organizaciones de base y "
        "el gobierno, para que las políticas públicas se construyan con ellas.",
    ),
    "respondent-fr": (
        "public", "quebec", ["co-construction", "public-procurement"],
        "Marchés publics et achat local ; accompagnement des réseaux régionaux.",
        "Au Chantier de l'économie sociale, j'accompagne la co-construction des politiques "
        "publiques avec le gouvernement du Québec et les municipalités.",
    ),
    "participant-fr": (
        "members", "quebec", ["training"],
        "Démarrage d'entreprises collectives dans un quartier de Montréal.",
        "J'accompagne les projets collectifs de Rosemont, de l'idée au premier bilan.",
    ),
    "participant-en": (
        "public", "canada-outside-quebec", ["public-procurement", "access-to-capital"],
        "Social procurement policies for cities; community investment funds.",
        "I work with the Canadian CED Network in Winnipeg on social procurement and on "
        "funds that let communities invest in their own enterprises.",
    ),
    "respondent-en": (
        "members", "canada-outside-quebec", ["research"],
        "Co-op development in the North; measuring community benefit.",
        "Northern Co-op Federation, Yukon: research with Indigenous and northern co-ops.",
    ),
    "translator": (
        "public", "mexico", ["legislation"],
        "Traducción especializada en economía social (español, francés, inglés).",
        "Traduzco y reviso los textos de Puentes desde la Ciudad de México.",
    ),
}  # fmt: skip


def load_member_profiles(people: dict[str, User]) -> list[str]:
    """Gives the demo people their directory profiles; what it did, one line each."""
    created = []
    regions = {region.slug: region for region in Region.objects.all()}
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    for username, (visibility, territory, theme_slugs, expertise, bio) in PROFILES.items():
        user = people.get(username)
        if user is None:
            continue
        profile = get_profile(user)
        if profile.bio:
            continue
        with transaction.atomic():
            profile.visibility = visibility
            profile.territory = regions.get(territory)
            profile.expertise = expertise
            profile.bio = bio
            profile.save()
            profile.themes.set([themes[slug] for slug in theme_slugs if slug in themes])
            request_profile_texts(profile)
        created.append(f"{visibility} profile of {username}")
    return created
