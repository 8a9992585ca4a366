"""A course with a harvest, for the compilation, page and PDF tests.

Posts in Spanish and French in a published week, passages harvested from them (with their
texts recorded and translated by the real engine, as `proceedings.harvest` does), and the
posts that must never be quoted: an author without consent, one who said no, a passage
left out, a post not approved, an answer hidden until one posts, a private community's post.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from machina.test.factories import PostFactory, create_topic

from courses.enrollment import enroll
from courses.models import CoursePage, Role, WeekPage
from forum.communities import create_community, open_community
from forum.models import QuestionTopic
from members.profiles import get_profile
from proceedings.models import Passage, QuoteConsent
from taxonomy.models import Region, Theme
from tests.factories import UserFactory, WeekPageFactory
from tests.translations.course_posts import week_forum
from translations.models import PostLanguage, TextTranslation
from translations.review import save_reviewed_text
from translations.texts import Text, request_texts, translate_due_texts

# What each author wrote: distinctive words, to find them in a page or a PDF.
ANA_ES = "Las cooperativas de Cochabamba necesitan crédito solidario."
LOUIS_FR = "La Ville de Montréal achète auprès des entreprises d'économie sociale."
SARAH_EN = "Nobody asked me whether I could be quoted here."
NINA_ES = "Prefiero que no me citen en las actas."
LEFT_OUT_ES = "Este pasaje quedó fuera de las actas."
UNAPPROVED_ES = "Mensaje todavía no aprobado por la moderación."
HIDDEN_ES = "Respuesta escondida hasta que cada persona publique la suya."
PRIVATE_ES = "Confidencial: lo dijimos solo en la comunidad rural."
CHOOSING_ES = "Pregunta: ¿qué política pública ayudó más?"


@dataclass
class World:
    course: CoursePage
    week: WeekPage
    organizer: Any
    capital: Theme
    procurement: Theme
    ecuador: Region
    quebec: Region
    people: dict[str, Any] = field(default_factory=dict)
    passages: dict[str, Passage] = field(default_factory=dict)
    posts: dict[str, Any] = field(default_factory=dict)


def person(username: str, language: str, display_name: str = ""):
    user = UserFactory(username=username)
    profile = get_profile(user)
    profile.preferred_language = language
    profile.display_name = display_name
    profile.save()
    return user


def post_in(forum, author, content: str, language: str, *, approved: bool = True, topic=None):
    topic = topic or create_topic(forum=forum, poster=author, subject="Crédito")
    post = PostFactory(
        topic=topic, poster=author, subject="Crédito", content=content, approved=approved
    )
    PostLanguage.objects.update_or_create(
        post=post, defaults={"language": language, "chosen_by_author": True}
    )
    return post


def harvest(course, post, *, themes=(), regions=(), text: str = "", included: bool = True):
    """What proceedings.harvest.harvest_passage records (its texts asked for too)."""
    language = PostLanguage.objects.get(post=post).language
    passage = Passage.objects.create(
        course=course, post=post, text=text, language=language, included=included
    )
    passage.themes.set(themes)
    passage.regions.set(regions)
    request_texts(
        passage,
        [Text("text", text or post.content.raw)],
        language=language,
        fallback_language=language,
        glossary=course.pk,
    )
    return passage


def consent(user, course, choice, region=None):
    return QuoteConsent.objects.create(member=user, course=course, choice=choice, region=region)


def review_name(term, language: str, name: str, translator) -> None:
    row = TextTranslation.objects.get(
        source__object_id=term.pk,
        source__content_type__model=term._meta.model_name,
        language=language,
    )
    save_reviewed_text(row, text=name, editor=translator)


def build_world(course: CoursePage, organizer) -> World:
    week = WeekPageFactory(
        parent=course,
        questions=[
            ("question", {"text": "¿Qué es la economía social?"}),
            ("question", {"text": CHOOSING_ES, "post_before_seeing_others": True}),
        ],
    )
    forum = week_forum(week, organizer)
    capital = Theme.objects.create(slug="capital", name="Access to capital", language_written="en")
    procurement = Theme.objects.create(
        slug="procurement", name="Public procurement", language_written="en"
    )
    ecuador = Region.objects.create(slug="ecuador", name="Ecuador", language_written="en")
    quebec = Region.objects.create(slug="quebec", name="Quebec", language_written="en")
    world = World(course, week, organizer, capital, procurement, ecuador, quebec)
    translator = person("translator", "es")
    for term, names in (
        (capital, {"es": "Acceso al capital", "fr": "Accès au capital"}),
        (procurement, {"es": "Compras públicas", "fr": "Marchés publics"}),
        (ecuador, {"es": "Ecuador", "fr": "Équateur"}),
        (quebec, {"es": "Quebec", "fr": "Québec"}),
    ):
        for language, name in names.items():
            review_name(term, language, name, translator)

    people = world.people
    people["ana"] = person("ana", "es", "Ana Morales")
    people["louis"] = person("louis", "fr", "Louis Bergeron")
    people["sarah"] = person("sarah", "en", "Sarah Mitchell")
    people["nina"] = person("nina", "es", "Nina Flores")
    people["jenna"] = person("jenna", "en", "Jenna Whitehorse")
    for name in ("ana", "louis", "sarah", "nina"):
        enroll(course=course, user=people[name], role=Role.PARTICIPANT)
    enroll(course=course, user=people["jenna"], role=Role.KEY_RESPONDENT, week=week)
    consent(people["ana"], course, QuoteConsent.Choice.ANONYMOUS, ecuador)
    consent(people["louis"], course, QuoteConsent.Choice.NAME)
    consent(people["nina"], course, QuoteConsent.Choice.NONE)
    consent(people["jenna"], course, QuoteConsent.Choice.ANONYMOUS, quebec)

    posts = world.posts
    posts["ana"] = post_in(forum, people["ana"], ANA_ES, "es")
    # Louis answers Ana's Spanish topic in French: a cross-language reply.
    posts["louis"] = post_in(forum, people["louis"], LOUIS_FR, "fr", topic=posts["ana"].topic)
    posts["sarah"] = post_in(forum, people["sarah"], SARAH_EN, "en")
    posts["nina"] = post_in(forum, people["nina"], NINA_ES, "es")
    posts["left_out"] = post_in(forum, people["ana"], LEFT_OUT_ES, "es")
    posts["unapproved"] = post_in(forum, people["ana"], UNAPPROVED_ES, "es", approved=False)
    gated = QuestionTopic.objects.get(week=week, position=1).topic
    posts["hidden"] = post_in(forum, people["jenna"], HIDDEN_ES, "es", topic=gated)
    community = create_community(
        course=course, name="Rural co-ops", members=[organizer, people["ana"]]
    )
    private_forum = open_community(community)
    posts["private"] = post_in(private_forum, people["ana"], PRIVATE_ES, "es")

    passages = world.passages
    passages["ana"] = harvest(course, posts["ana"], themes=[capital], regions=[ecuador])
    passages["louis"] = harvest(
        course, posts["louis"], themes=[procurement, capital], regions=[quebec]
    )
    passages["sarah"] = harvest(course, posts["sarah"], themes=[capital], regions=[quebec])
    passages["nina"] = harvest(course, posts["nina"], themes=[capital], regions=[ecuador])
    passages["left_out"] = harvest(
        course, posts["left_out"], themes=[capital], regions=[ecuador], included=False
    )
    passages["unapproved"] = harvest(
        course, posts["unapproved"], themes=[capital], regions=[ecuador]
    )
    passages["hidden"] = harvest(course, posts["hidden"], themes=[capital], regions=[quebec])
    passages["private"] = harvest(course, posts["private"], themes=[capital], regions=[ecuador])
    translate_due_texts()
    return world


def translation_of(passage: Passage, language: str) -> str:
    """The engine's text of the passage in ``language`` (what a reader gets)."""
    return TextTranslation.objects.get(
        source__object_id=passage.pk,
        source__content_type__model="passage",
        source__field="text",
        language=language,
    ).text
