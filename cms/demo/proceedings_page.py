"""The demo's proceedings: a page under week 6, written by the organizer in English, with
an introduction, a synthesis for four themes and conclusions; published, so that its texts
are translated and the harvest (`cms.demo.proceedings`) shows in it as a matrix and quotes.

Idempotent: the page is matched by its slug under week 6.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction
from wagtail.rich_text import RichText

from courses.models import CoursePage, WeekPage
from proceedings.models import ProceedingsPage
from taxonomy.models import Theme

SLUG = "synthesis-and-proceedings"
TITLE = "Synthesis and proceedings"

INTRODUCTION = (
    "<p>For six weeks, practitioners, researchers and public servants from Canada and Latin "
    "America compared the policies that support the social and solidarity economy where "
    "they work. These proceedings gather, theme by theme, what they said and what we "
    "learned, in the words of those who agreed to be quoted.</p>"
)
# theme slug, synthesis (the organizer's own words).
SYNTHESES = [
    (
        "legislation",
        "<p>Framework laws came up in every week: Quebec's Social Economy Act, Ecuador's "
        "Law of Popular and Solidarity Economy, Brazil's long road to a national law. A law "
        "names the sector and gives it a place at the table; participants insisted that "
        "it works only with an institution that carries it out and a budget.</p>",
    ),
    (
        "access-to-capital",
        "<p>Cooperatives everywhere lack patient capital. Solidarity finance (community "
        "bonds, credit unions, rotating funds) fills part of the gap; public guarantees and "
        "dedicated funds, as in Quebec, do the rest.</p>",
    ),
    (
        "public-procurement",
        "<p>Public purchasing is the lever most often named and least often used. Simpler "
        "tenders, lots sized for small producers and social clauses open public markets to "
        "associations of producers.</p>",
    ),
    (
        "co-construction",
        "<p>Policies last when the sector writes them with the state: the Chantier de "
        "l'économie sociale in Quebec and the national councils in Brazil show how.</p>",
    ),
]
CONCLUSIONS = (
    "<p>Three proposals stand out for policy makers: recognise the social economy in law, "
    "with an institution to carry it out; open public procurement to it; and build the "
    "policies with the sector, not for it. The discussion continues in the communities of "
    "practice the cohort started.</p>"
)


@transaction.atomic
def seed_proceedings_page(course: CoursePage) -> list[str]:
    """The published proceedings page under week 6; what it created."""
    week = WeekPage.objects.child_of(course).filter(number=6).first()
    if week is None or ProceedingsPage.objects.child_of(week).filter(slug=SLUG).exists():
        return []
    organizer = get_user_model().objects.filter(username="organizer").first()
    themes = {theme.slug: theme for theme in Theme.objects.filter(slug__in=dict(SYNTHESES))}
    page = ProceedingsPage(
        title=TITLE,
        slug=SLUG,
        owner=organizer,
        language_written="en",
        introduction=INTRODUCTION,
        syntheses=[
            ("theme", {"theme": themes[slug], "synthesis": RichText(text)})
            for slug, text in SYNTHESES
            if slug in themes
        ],
        conclusions=CONCLUSIONS,
        include_case_studies=True,
        live=False,
    )
    week.add_child(instance=page)
    # Drafted by the organizer and published: its texts are translated on publish.
    page.save_revision(user=organizer).publish(user=organizer)
    return ["the proceedings page under week 6"]
