"""The demo's harvest: the course's own themes and regions, members' consent to be quoted
(by name, anonymously with a region, not at all, and one member who has not chosen), a few
more replies that speak of laws and countries, and passages harvested from the posts of
the open and closed weeks by the organizer and the key respondents.

Idempotent: the course's vocabulary is set once, a consent only where none exists, a post
matched by topic, author and text, a passage by post and text.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from machina.core.db.models import get_model

from courses.models import CoursePage, WeekPage
from forum.models import QuestionTopic
from members.profiles import get_profile
from proceedings.consent import choose_consent
from proceedings.harvest import harvest_passage
from proceedings.models import Passage, QuoteConsent
from taxonomy.models import Region, Theme

Post: Any = get_model("forum_conversation", "Post")

#: The course's vocabulary (slugs of cms.demo.vocabulary): six themes, seven regions.
COURSE_THEMES = [
    "access-to-capital",
    "public-procurement",
    "legislation",
    "co-construction",
    "research",
    "training",
]
COURSE_REGIONS = [
    "quebec",
    "canada-outside-quebec",
    "brazil",
    "bolivia",
    "ecuador",
    "mexico",
    "peru",
]

# username: (choice, region slug). Not listed: not chosen yet (respondent-en, translator).
CONSENTS = {
    "organizer": (QuoteConsent.Choice.NAME, None),
    "respondent-fr": (QuoteConsent.Choice.NAME, None),
    "participant-en": (QuoteConsent.Choice.NAME, None),
    "respondent-es": (QuoteConsent.Choice.ANONYMOUS, "ecuador"),
    "participant-es": (QuoteConsent.Choice.ANONYMOUS, "bolivia"),
    "participant-fr": (QuoteConsent.Choice.NONE, None),
}

# The key respondents' replies on laws and countries: week, question index, author, text.
HARVEST_POSTS = [
    (1, 1, "respondent-es", "En Ecuador, la Constitución de 2008 y la Ley de Economía Popular "
     "y Solidaria dieron a las cooperativas un lugar propio. Pero sin un instituto de fomento "
     "con presupuesto, la ley se queda en el papel."),
    (1, 1, "respondent-fr", "Au Québec, la Loi sur l'économie sociale de 2013 a été écrite avec "
     "le Chantier : c'est la co-construction qui l'a rendue durable. Au Brésil, la SENAES a "
     "disparu en 2016, faute d'une loi qui la protège."),
    (3, 1, "respondent-es", "En México, la Ley de la Economía Social y Solidaria de 2012 creó "
     "el INAES, que financia proyectos productivos de cooperativas y ejidos. En Perú, en "
     "cambio, las cooperativas siguen esperando una ley propia."),
]  # fmt: skip

# week, question index, author, the text the post starts with (to find it), harvester,
# passage ("" = the whole post), themes, regions, note.
PASSAGES: list[tuple[int, int, str, str, str, str, list[str], list[str], str]] = [
    (1, 0, "participant-es", "Trabajo en una cooperativa", "organizer",
     "Aquí la economía social es, sobre todo, **trabajo asociado**.",
     ["training"], ["bolivia"], "A definition from practice."),
    (1, 0, "participant-fr", "Je travaille dans une CDEC", "organizer",
     "nous accompagnons des entreprises d'économie sociale dans l'est de la ville.",
     ["training"], ["quebec"], ""),
    (1, 0, "participant-en", "I coordinate a community", "respondent-en",
     "For us, the social economy means co-ops, credit unions and social enterprises run by "
     "and for the community.",
     ["access-to-capital"], ["canada-outside-quebec"], ""),
    (1, 1, "respondent-es", "En Ecuador, la Constitución", "organizer", "",
     ["legislation"], ["ecuador"], "Law without a promotion institute."),
    (1, 1, "respondent-fr", "Au Québec, la Loi", "respondent-es",
     "Au Québec, la Loi sur l'économie sociale de 2013 a été écrite avec le Chantier : c'est "
     "la co-construction qui l'a rendue durable.",
     ["legislation", "co-construction"], ["quebec"], ""),
    (1, 1, "respondent-fr", "Au Québec, la Loi", "organizer",
     "Au Brésil, la SENAES a disparu en 2016, faute d'une loi qui la protège.",
     ["legislation", "co-construction"], ["brazil"], "Compare with Quebec."),
    (2, 0, "participant-en", "What surprised me most", "respondent-fr", "",
     ["research"], ["canada-outside-quebec"], ""),
    (2, 1, "participant-fr", "Il nous manque des données", "organizer", "",
     ["research"], ["quebec"], ""),
    (3, 0, "participant-es", "En Bolivia las compras", "organizer", "",
     ["public-procurement"], ["bolivia"], "Simpler tender documents."),
    (3, 0, "participant-fr", "À Montréal, la Ville", "organizer",
     "la Ville a adopté une politique d'approvisionnement responsable",
     ["public-procurement"], ["quebec"], ""),
    (3, 0, "respondent-en", "Mostly through community bonds", "respondent-en", "",
     ["access-to-capital"], ["canada-outside-quebec"], ""),
    (3, 1, "respondent-es", "En México, la Ley", "respondent-es",
     "En México, la Ley de la Economía Social y Solidaria de 2012 creó el INAES, que financia "
     "proyectos productivos de cooperativas y ejidos.",
     ["legislation", "access-to-capital"], ["mexico"], ""),
    (3, 1, "respondent-es", "En México, la Ley", "organizer",
     "En Perú, en cambio, las cooperativas siguen esperando una ley propia.",
     ["legislation"], ["peru"], ""),
]  # fmt: skip


@transaction.atomic
def seed_harvest(course: CoursePage) -> list[str]:
    """What it created, one line each (for load_demo's report)."""
    created: list[str] = []
    people = {user.username: user for user in get_user_model().objects.all()}
    weeks = {week.number: week for week in course.weeks()}
    _course_vocabulary(course, people["organizer"], created)
    _consents(course, people, created)
    for week, index, username, text in HARVEST_POSTS:
        if _post(weeks[week], index, people[username], text):
            created.append(f"post by {username} in week {week}")
    for week, index, author, start, harvester, text, themes, regions, note in PASSAGES:
        post = (
            Post.objects.filter(
                topic=_topic(weeks[week], index), poster=people[author], content__startswith=start
            )
            .order_by("pk")
            .first()
        )
        if post is None or Passage.objects.filter(post=post, text=text).exists():
            continue
        harvest_passage(
            post=post,
            by=people[harvester],
            text=text,
            themes=Theme.objects.filter(slug__in=themes),
            regions=Region.objects.filter(slug__in=regions),
            note=note,
        )
        created.append(f"a passage of {author}'s post in week {week}, harvested by {harvester}")
    return created


def _course_vocabulary(course: CoursePage, organizer, created: list[str]) -> None:
    if Theme.objects.filter(courses=course).exists():
        return
    course.themes.set(Theme.objects.filter(slug__in=COURSE_THEMES))
    course.regions.set(Region.objects.filter(slug__in=COURSE_REGIONS))
    course.save_revision(user=organizer).publish(user=organizer)
    created.append("the course's themes and regions")


def _consents(course: CoursePage, people, created: list[str]) -> None:
    for username, (choice, region) in CONSENTS.items():
        member = people[username]
        if QuoteConsent.objects.filter(member=member, course=course).exists():
            continue
        choose_consent(
            member=member,
            course=course,
            choice=choice,
            region=Region.objects.filter(slug=region).first() if region else None,
        )
        created.append(f"{username}'s consent to be quoted")


def _topic(week: WeekPage, index: int):
    return (
        QuestionTopic.objects.filter(week=week, retired=False)
        .select_related("topic")
        .order_by("position")[index]
        .topic
    )


def _post(week: WeekPage, index: int, user, text: str) -> bool:
    topic = _topic(week, index)
    if Post.objects.filter(topic=topic, poster=user, content=text).exists():
        return False
    post = Post(
        topic=topic, poster=user, subject=f"Re: {topic.subject}"[:255], content=text, approved=True
    )
    # As the post form does: each demo member writes in their preferred language.
    post.puentes_chosen_language = get_profile(user).preferred_language
    post.save()
    return True
