"""A world of secrets for the privacy matrix: the demo cohort plus a second course made the
product's way, with a unique marker in every private thing and, for each marker, the people
who may see it.

Markers are single words (CamelCase letters and digits) so that Apertium leaves them as they
are in the machine translations, and Markdown and HTML escaping never split them; a slug
made from a subject lowercases them, so a marker is never matched in a URL the test itself
requested. Each private text also holds a *search word* (not a marker): searching for it
must not bring the marker back, and the search box echoing the query is no false alarm.

Who may see what is computed from the product's own rows (enrollments, community members,
posts) by the rules the product promises (forum/permissions.py, forum/independent.py,
courses/course_groups.py), not by calling the code under test.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from allauth.account.models import EmailAddress
from django.contrib.auth.models import User
from django.core import mail
from django.core.files.base import ContentFile
from django.db.models import F
from django.utils import timezone
from machina.core.db.models import get_model
from wagtail.models import Page

from cms.demo import COURSE_SLUG
from cms.models import HomePage
from courses.enrollment import enroll
from courses.models import AfterCourse, Application, CaseStudyPage, CoursePage, Enrollment, Role
from forum.communities import create_community
from forum.models import CommunityOfPractice, QuestionTopic
from tests.demo.snapshot import demo_cohort
from tests.factories import CoursePageFactory, UserFactory, WeekPageFactory
from translations import pipeline
from translations.engines.apertium import ApertiumEngine
from translations.models import GlossaryTerm, PostTranslation

Post = get_model("forum_conversation", "Post")
Topic = get_model("forum_conversation", "Topic")
Attachment = get_model("forum_attachments", "Attachment")
TopicPoll = get_model("forum_polls", "TopicPoll")
TopicPollOption = get_model("forum_polls", "TopicPollOption")


@dataclass(frozen=True)
class Secret:
    marker: str
    search_word: str
    what: str


# Course B is the second course, built here; course A is the demo's.
COMMUNITY_B = Secret("SekretCommunityB7f3a", "hallazgob7f3a", "a post in B's community")
COMMUNITY_NAME_B = Secret("SekretCircleB5e6f", "circulob5e6f", "the name of B's community")
HIDDEN_B = Secret("SekretHiddenB41c9", "ocultob41c9", "a hidden answer in B")
POST_B = Secret("SekretCourseB90de", "cursob90de", "a post in B's week")
GLOSSARY_B = Secret("SekretGlossaryB1c3d", "glosariob1c3d", "a term of B's glossary")
DRAFT_B = Secret("SekretDraftB55aa", "borradorb55aa", "the title of B's draft week")
CASE_REVIEW_B = Secret("SekretCaseStudyB6b2f", "estudiob6b2f", "a case study of B in review")
APPLICATION_B = Secret("SekretApplicationB3e7d", "solicitudb3e7d", "an application to B")
APPLICANT_B = Secret("SekretApplicantB8c0f", "candidatab8c0f", "who applied to B")
SECOND_APPLICATION_B = Secret("SekretApplicationB9a9a", "solicitudb9a9a", "another application")
ENROLLEE_B = Secret("SekretEnrolleeB2d4e", "inscritab2d4e", "who is enrolled in B")
COMMUNITY_A = Secret("SekretCommunityA0a11", "hallazgoa0a11", "a post in A's community")
HIDDEN_A = Secret("SekretHiddenA7e21", "ocultoa7e21", "a hidden answer in A")
POST_A = Secret("SekretCourseA4f0c", "cursoa4f0c", "a post in A's week")

SECRETS = [
    COMMUNITY_B,
    COMMUNITY_NAME_B,
    HIDDEN_B,
    POST_B,
    GLOSSARY_B,
    DRAFT_B,
    CASE_REVIEW_B,
    APPLICATION_B,
    APPLICANT_B,
    SECOND_APPLICATION_B,
    ENROLLEE_B,
    COMMUNITY_A,
    HIDDEN_A,
    POST_A,
]

# The people the matrix requests every URL as (None: not signed in).
IDENTITIES = [
    "anonymous",
    "unverified",
    "applicant_b",
    "participant_b",  # has not answered the "post first" question, not in the community
    "community_member_b",  # in B's community, has not answered the "post first" question
    "organizer_b",  # not in B's community
    "translator_b",  # not in B's community
    "key_respondent_b",  # not in B's community
    "organizer_a",
    "translator_a",
    "participant_a",  # not in A's community, has not answered A's "post first" question
]


@dataclass
class World:
    people: dict[str, User] = field(default_factory=dict)
    identities: dict[str, User | None] = field(default_factory=dict)
    # marker -> ids of the users who may see it (superusers see everything: none here)
    audience: dict[str, frozenset[int]] = field(default_factory=dict)
    # candidate kind (see url_table.py) -> the URL arguments to try (url_arguments.py)
    candidates: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    course_a: CoursePage | None = None
    course_b: CoursePage | None = None
    applications: dict[str, Application] = field(default_factory=dict)
    week_b: Page | None = None
    case_study_b: Page | None = None
    draft_b: Page | None = None
    emails_while_building: list = field(default_factory=list)
    # str.format values for the query strings of url_table.py
    query_values: dict[str, str] = field(default_factory=dict)

    def may_see(self, identity: str, marker: str) -> bool:
        user = self.identities[identity]
        return user is not None and user.pk in self.audience[marker]


def build_world() -> World:
    """The demo, then course B beside it; the markers' audiences once everything exists."""
    demo_cohort()  # load_demo's rows (tests/demo/snapshot.py)
    world = World()
    world.course_a = CoursePage.objects.get(slug=COURSE_SLUG)
    _demo_people(world)
    _course_b(world)
    _secrets_in_a(world)
    _translations(world)
    world.identities = {name: world.people.get(name) for name in IDENTITIES}
    world.identities["anonymous"] = None
    world.audience = _audiences(world)
    return world


def _demo_people(world: World) -> None:
    users = {user.username: user for user in User.objects.all()}
    world.people.update(
        organizer_a=users["organizer"],
        translator_a=users["translator"],
        participant_a=users["participant-fr"],
        participant_es_a=users["participant-es"],
    )


def person(username: str, *, verified: bool = True, **fields) -> User:
    user = UserFactory(username=username, **fields)
    EmailAddress.objects.create(user=user, email=user.email, verified=verified, primary=True)
    return user


def publish(page, user=None):
    page.save_revision(user=user).publish(user=user)
    page.refresh_from_db()
    return page


def _course_b(world: World) -> None:
    today = timezone.localdate()
    people = world.people
    for name in (
        "organizer_b",
        "translator_b",
        "key_respondent_b",
        "participant_b",
        "community_member_b",
        "community_author_b",
        "hidden_author_b",
    ):
        people[name] = person(name.replace("_", "-"))
    people["unverified"] = person("unverified", verified=False)
    # Their usernames are the markers; their names, what a search of people looks for.
    people["enrollee_b"] = person(
        ENROLLEE_B.marker, last_name=ENROLLEE_B.search_word, email="enrollee-b@example.org"
    )
    people["applicant_b"] = person(
        APPLICANT_B.marker, last_name=APPLICANT_B.search_word, email="applicant-b@example.org"
    )
    people["second_applicant_b"] = person("second-applicant-b")

    course = CoursePageFactory(
        parent=HomePage.objects.get(slug="home"),
        title="Second course: cooperatives and the state",
        slug="second-course",
        # Applications close by the start; the applications below were made before.
        application_deadline=today - dt.timedelta(days=3),
        start_date=today - dt.timedelta(days=3),
        key_respondent_places=3,
    )
    world.course_b = course
    organizer = people["organizer_b"]
    enroll(course=course, user=organizer, role=Role.ORGANIZER)
    publish(course, organizer)
    week = publish(
        WeekPageFactory(
            parent=course,
            title="Week one of the second course",
            number=1,
            questions=[
                ("question", {"text": "What did the state do for your cooperative?"}),
                (
                    "question",
                    {
                        "text": "Answer before you read the others.",
                        "post_before_seeing_others": True,
                    },
                ),
            ],
        ),
        organizer,
    )
    world.week_b = week
    enroll(course=course, user=people["key_respondent_b"], role=Role.KEY_RESPONDENT, week=week)
    enroll(course=course, user=people["translator_b"], role=Role.TRANSLATOR)
    for name in (
        "participant_b",
        "community_member_b",
        "community_author_b",
        "hidden_author_b",
        "enrollee_b",
    ):
        enroll(course=course, user=people[name], role=Role.PARTICIPANT)

    topics = [qt.topic for qt in QuestionTopic.objects.filter(week=week).order_by("position")]
    _post(topics[0], people["community_author_b"], POST_B)
    hidden = _post(topics[1], people["hidden_author_b"], HIDDEN_B)
    _attach(hidden, HIDDEN_B)

    community = create_community(
        course=course,
        name=f"Circle {COMMUNITY_NAME_B.marker} {COMMUNITY_NAME_B.search_word}",
        members=[people["community_member_b"], people["community_author_b"]],
    )
    community.refresh_from_db()
    community_post = _topic(community.forum, people["community_author_b"], COMMUNITY_B)
    _attach(community_post, COMMUNITY_B)
    poll = TopicPoll.objects.create(
        topic=community_post.topic, question=f"Vote {COMMUNITY_B.marker}?", duration=None
    )
    TopicPollOption.objects.create(poll=poll, text=f"Yes {COMMUNITY_B.marker}")

    GlossaryTerm.objects.create(
        course=course,
        term_es=f"{GLOSSARY_B.marker} {GLOSSARY_B.search_word}",
        term_fr=GLOSSARY_B.marker,
        term_en=GLOSSARY_B.marker,
        do_not_translate=True,
    )

    # A week an organizer has not published yet, and a case study waiting for review.
    draft = WeekPageFactory(
        parent=course,
        title=f"Draft {DRAFT_B.marker} {DRAFT_B.search_word}",
        number=2,
        live=False,
    )
    draft.save_revision(user=organizer)
    world.draft_b = draft
    mail.outbox = []
    world.case_study_b = submit_case_study(world, "case-in-review")
    world.emails_while_building = list(mail.outbox)

    world.applications["applicant_b"] = Application.objects.create(
        course=course,
        user=people["applicant_b"],
        role=Application.AppliedRole.KEY_RESPONDENT,
        work_description=f"{APPLICATION_B.marker} {APPLICATION_B.search_word}",
        key_respondent_statement=f"My case: {APPLICATION_B.marker}.",
    )
    world.applications["second_applicant_b"] = Application.objects.create(
        course=course,
        user=people["second_applicant_b"],
        work_description=f"{SECOND_APPLICATION_B.marker} {SECOND_APPLICATION_B.search_word}",
    )


def submit_case_study(world: World, slug: str) -> CaseStudyPage:
    """B's key respondent writes a case study and submits it to the course's review."""
    author = world.people["key_respondent_b"]
    case_study = CaseStudyPage(
        title=f"Case {CASE_REVIEW_B.marker} {CASE_REVIEW_B.search_word}",
        slug=slug,
        owner=author,
        region="Chile",
        language="es",
        abstract=CASE_REVIEW_B.marker,
        body=f"<p>{CASE_REVIEW_B.marker}</p>",
        live=False,
    )
    world.week_b.add_child(instance=case_study)
    case_study.authors.set([author])
    case_study.save_revision(user=author)
    case_study.get_workflow().start(case_study, author)
    return case_study


def _secrets_in_a(world: World) -> None:
    course = world.course_a
    people = world.people
    weeks = {week.number: week for week in course.weeks()}
    # Week 1's second question asks to post first; participant-fr has not answered it.
    gated = QuestionTopic.objects.filter(week=weeks[1]).order_by("position")[1].topic
    _post(gated, people["participant_es_a"], HIDDEN_A)
    first = QuestionTopic.objects.filter(week=weeks[2]).order_by("position")[0].topic
    _post(first, people["participant_es_a"], POST_A)
    community = CommunityOfPractice.objects.get(course=course)
    _topic(community.forum, people["participant_es_a"], COMMUNITY_A)


def _text(secret: Secret) -> str:
    return f"Only for those who may: {secret.marker}, {secret.search_word}."


def _post(topic, user: User, secret: Secret):
    post = Post(
        topic=topic,
        poster=user,
        subject=f"Re: {secret.marker}",
        content=_text(secret),
        approved=True,
    )
    post.puentes_chosen_language = "es"
    post.save()
    return post


def _topic(forum, user: User, secret: Secret):
    topic = Topic.objects.create(
        forum=forum,
        poster=user,
        subject=f"Plans {secret.marker}",
        type=Topic.TOPIC_POST,
        status=Topic.TOPIC_UNLOCKED,
        approved=True,
    )
    return _post(topic, user, secret)


def _attach(post, secret: Secret) -> None:
    Attachment.objects.create(
        post=post,
        file=ContentFile(_text(secret).encode(), name=f"{secret.marker}.txt"),
        comment=f"Notes {secret.marker}",
    )


def _translations(world: World) -> None:
    """Machine translations of the secret posts (the review queue, the inline editor), and
    failed ones (the organizers' failed-translations list)."""
    engine = ApertiumEngine()
    for secret in (COMMUNITY_B, HIDDEN_B, POST_B, COMMUNITY_A, HIDDEN_A, POST_A):
        post = secret_post(secret)
        if secret in (POST_A, POST_B):
            pipeline.mark_failed(post.pk, error="The engine was unreachable.")
            continue
        pipeline.translate_pending(post.pk, engine=engine)
        for row in PostTranslation.objects.filter(post=post):
            assert secret.marker in row.content, (
                f"the machine translation of {secret.marker} lost it: {row.content!r}"
            )


# ---------------------------------------------------------------------------
# Who may see each marker
# ---------------------------------------------------------------------------
def _staying(course: CoursePage, *roles: str) -> set[int]:
    enrollments = Enrollment.objects.filter(course=course, user__is_active=True).exclude(
        after_course=AfterCourse.LEAVE
    )
    if roles:
        enrollments = enrollments.filter(role__in=roles)
    return set(enrollments.values_list("user_id", flat=True))


def _community_members(course: CoursePage) -> set[int]:
    community = CommunityOfPractice.objects.get(course=course)
    return set(community.members.filter(is_active=True).values_list("pk", flat=True)) & _staying(
        course
    )


def _answered(secret: Secret) -> set[int]:
    """Who answered the "post first" question the hidden answer is in."""
    topic_id = Post.objects.get(content=_text(secret)).topic_id
    return set(
        Post.objects.filter(topic_id=topic_id)
        .exclude(pk=F("topic__first_post_id"))
        .values_list("poster_id", flat=True)
    )


def _audiences(world: World) -> dict[str, frozenset[int]]:
    a, b = world.course_a, world.course_b
    people = world.people
    sees_all_answers = (Role.ORGANIZER, Role.KEY_RESPONDENT, Role.TRANSLATOR)
    page_editors_b = _staying(b, Role.ORGANIZER, Role.KEY_RESPONDENT)
    organizers_b = _staying(b, Role.ORGANIZER)
    audience = {
        COMMUNITY_B: _community_members(b),
        COMMUNITY_NAME_B: _community_members(b) | organizers_b,
        HIDDEN_B: (_staying(b, *sees_all_answers) | _answered(HIDDEN_B)) & _staying(b),
        POST_B: _staying(b),
        GLOSSARY_B: _staying(b),
        ENROLLEE_B: _staying(b),
        DRAFT_B: page_editors_b,
        CASE_REVIEW_B: page_editors_b,
        APPLICATION_B: organizers_b | {people["applicant_b"].pk},
        APPLICANT_B: organizers_b | {people["applicant_b"].pk},
        SECOND_APPLICATION_B: organizers_b | {people["second_applicant_b"].pk},
        COMMUNITY_A: _community_members(a),
        HIDDEN_A: (_staying(a, *sees_all_answers) | _answered(HIDDEN_A)) & _staying(a),
        POST_A: _staying(a),
    }
    return {secret.marker: frozenset(ids) for secret, ids in audience.items()}


def secret_post(secret: Secret):
    return Post.objects.select_related("topic__forum").get(content=_text(secret))
