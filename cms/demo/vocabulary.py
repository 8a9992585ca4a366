"""The demo's themes and regions (`taxonomy`): the policy themes the reference forum grouped
its synthesis by, and the territories of its members. Matched by slug: idempotent."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType

from taxonomy.models import Region, Theme
from translations.models import TextTranslation
from translations.review import save_reviewed_text

# slug, name, language the name is written in
THEMES = [
    ("access-to-capital", "Access to capital", "en"),
    ("public-procurement", "Public procurement", "en"),
    ("legislation", "Legislation and legal frameworks", "en"),
    ("co-construction", "Co-construction of policy", "en"),
    ("research", "Research and measurement", "en"),
    ("training", "Training and support", "en"),
]
# slug, name, language, slug of the region it lies within
REGIONS = [
    ("canada", "Canada", "en", None),
    ("quebec", "Quebec", "en", "canada"),
    ("canada-outside-quebec", "Canada outside Quebec", "en", "canada"),
    ("brazil", "Brazil", "en", None),
    ("bolivia", "Bolivia", "en", None),
    ("ecuador", "Ecuador", "en", None),
    ("mexico", "Mexico", "en", None),
    ("peru", "Peru", "en", None),
]


def load_vocabulary() -> int:
    """Creates what is missing; how many themes and regions it created."""
    created = 0
    for slug, name, language in THEMES:
        created += Theme.objects.get_or_create(
            slug=slug, defaults={"name": name, "language_written": language}
        )[1]
    for slug, name, language, parent in REGIONS:
        created += Region.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "language_written": language,
                "parent": Region.objects.get(slug=parent) if parent else None,
            },
        )[1]
    return created


# What the course's translator wrote for each name (a short controlled vocabulary reads
# better by hand than by machine: Apertium makes "co-construction of policy" a sawn police).
REVIEWED_NAMES = {
    "access-to-capital": {"es": "Acceso al capital", "fr": "Accès au capital"},
    "public-procurement": {"es": "Compras públicas", "fr": "Marchés publics"},
    "legislation": {
        "es": "Legislación y marcos jurídicos",
        "fr": "Législation et cadres juridiques",
    },
    "co-construction": {
        "es": "Co-construcción de políticas",
        "fr": "Co-construction des politiques",
    },
    "research": {"es": "Investigación y medición", "fr": "Recherche et mesure"},
    "training": {"es": "Formación y acompañamiento", "fr": "Formation et accompagnement"},
    "canada": {"es": "Canadá", "fr": "Canada"},
    "quebec": {"es": "Quebec", "fr": "Québec"},
    "canada-outside-quebec": {"es": "Canadá fuera de Quebec", "fr": "Canada hors Québec"},
    "brazil": {"es": "Brasil", "fr": "Brésil"},
    "bolivia": {"es": "Bolivia", "fr": "Bolivie"},
    "ecuador": {"es": "Ecuador", "fr": "Équateur"},
    "mexico": {"es": "México", "fr": "Mexique"},
    "peru": {"es": "Perú", "fr": "Pérou"},
}


def review_vocabulary_names(translator) -> int:
    """The translator's names, as if typed in the review queue; how many it stored."""
    stored = 0
    for model in (Theme, Region):
        content_type = ContentType.objects.get_for_model(model)
        for term in model.objects.filter(slug__in=REVIEWED_NAMES):
            rows = TextTranslation.objects.filter(
                source__content_type=content_type,
                source__object_id=term.pk,
                source__field="name",
                reviewed_at__isnull=True,
            )
            for row in rows:
                name = REVIEWED_NAMES[term.slug].get(row.language)
                if name:
                    save_reviewed_text(row, text=name, editor=translator)
                    stored += 1
    return stored
