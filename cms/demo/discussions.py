"""The demo cohort's discussions, on top of its course (`cms.demo.course`): replies to the
weeks' questions in the three languages, questions to week 3's key respondent (one
answered) and a community of practice.

Idempotent like the course side: a post is matched by topic, author and text, the
community by name, so a second run creates and changes nothing.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from machina.core.db.models import get_model

from courses.models import WeekPage
from forum.communities import create_community
from forum.models import CommunityOfPractice, KeyRespondentQuestion, PostTags, QuestionTopic
from forum.tags import set_post_tags
from members.profiles import get_profile
from notifications.models import EmailChoice, NotificationSettings
from taxonomy.models import Region, Theme

from .communities import load_communities
from .course import DemoCohort, DemoReport, load_cohort
from .members import load_member_profiles
from .projects import load_projects

Post: Any = get_model("forum_conversation", "Post")

# week, question index, username, post (Markdown): answers in the three languages.
POSTS = [
    (1, 0, "participant-es", "Trabajo en una cooperativa de productoras de quinua en "
     "Cochabamba. Aquí la economía social es, sobre todo, **trabajo asociado**."),
    (1, 0, "participant-fr", "Je travaille dans une CDEC à Montréal : nous accompagnons des "
     "entreprises d'économie sociale dans l'est de la ville."),
    (1, 0, "participant-en", "I coordinate a community economic development network in "
     "Manitoba. For us, the social economy means co-ops, credit unions and social "
     "enterprises run by and for the community."),
    (2, 0, "participant-en", "What surprised me most was how much of the social economy is "
     "invisible in official statistics."),
    (2, 1, "participant-fr", "Il nous manque des données sur les emplois créés, par région "
     "et par secteur."),
    (3, 0, "participant-es", "En Bolivia las compras públicas podrían abrirse a las "
     "asociaciones de productores si los pliegos fueran más simples."),
    (3, 0, "participant-fr", "À Montréal, la Ville a adopté une politique d'approvisionnement "
     "responsable : c'est un début."),
    (3, 1, "participant-en", "Community economic development in Canada looks a lot like "
     "what I read about the *economía popular* in Ecuador."),
]  # fmt: skip

# (asker, question index in week 3, text); the first is answered by the week's key respondent.
QUESTIONS = [
    (
        "participant-es",
        0,
        "Pregunta para la persona invitada: ¿cómo se financian las "
        "cooperativas del norte sin crédito bancario?",
    ),
    (
        "participant-fr",
        1,
        "Question pour la personne invitée : quelles politiques publiques "
        "ont aidé les coopératives autochtones ?",
    ),
]
ANSWER = ("respondent-en", 0, "Mostly through community bonds and the credit unions of the "
          "territory: members lend to their own co-op.")  # fmt: skip
COMMUNITY = "Rural cooperatives: a community of practice"


@transaction.atomic
def load_demo() -> DemoReport:
    cohort = load_cohort()
    for week_number, question_index, username, text in POSTS:
        _post(
            cohort.weeks[week_number], question_index, cohort.people[username], text, cohort.report
        )
    _key_respondent_questions(cohort)
    _community(cohort)
    _alerts_and_tags(cohort)
    _email_choices(cohort)
    cohort.report.created += load_projects(cohort.people)  # projects looking for volunteers
    cohort.report.created += load_communities(cohort.people)  # communities outside the course
    cohort.report.created += load_member_profiles(cohort.people)  # the members' directory
    return cohort.report


# Email choices other than the default (an email for each notice): a daily digest, sent at
# the member's local morning, so the demo shows one.
EMAIL_CHOICES = {"participant-fr": (EmailChoice.DAILY, "Europe/Paris")}


def _email_choices(cohort: DemoCohort) -> None:
    for username, (choice, time_zone) in EMAIL_CHOICES.items():
        row, created = NotificationSettings.objects.get_or_create(
            user=cohort.people[username], defaults={"email": choice, "time_zone": time_zone}
        )
        if created:
            cohort.report.created.append(f"{username}'s daily digest")


def _key_respondent_questions(cohort: DemoCohort) -> None:
    week, people = cohort.weeks[3], cohort.people
    for index, (username, question_index, text) in enumerate(QUESTIONS):
        post = _post(week, question_index, people[username], text, cohort.report, asks=True)
        if post is not None:
            KeyRespondentQuestion.objects.get_or_create(post=post, defaults={"week": week})
        if index == 0:  # answered by the key respondent of week 3
            _post(week, ANSWER[1], people[ANSWER[0]], ANSWER[2], cohort.report)


def _community(cohort: DemoCohort) -> None:
    if CommunityOfPractice.objects.filter(course=cohort.course, name=COMMUNITY).exists():
        return
    people = cohort.people
    create_community(
        course=cohort.course,
        name=COMMUNITY,
        description="For those of us who work with rural and Indigenous co-ops.",
        members=[people["organizer"], people["participant-es"], people["participant-en"]],
    )
    cohort.report.created.append("a community of practice")


# Alerts (Passerelles): who follows which themes and regions, and the posts tagged with them.
ALERTS = {"participant-en": (["public-procurement", "access-to-capital"], ["bolivia"])}
# week, question index, username, themes, region of demo posts (cms.demo.vocabulary).
POST_TAGS = [
    (1, 0, "participant-es", ["access-to-capital", "training"], "bolivia"),
    (1, 0, "participant-fr", ["training"], "quebec"),
]


def _alerts_and_tags(cohort: DemoCohort) -> None:
    community = CommunityOfPractice.objects.filter(course=cohort.course, name=COMMUNITY).first()
    if community is not None and not community.themes.exists():
        community.themes.set(Theme.objects.filter(slug__in=["access-to-capital", "training"]))
    for username, (themes, regions) in ALERTS.items():
        row, created = NotificationSettings.objects.get_or_create(user=cohort.people[username])
        if created:
            row.alert_themes.set(Theme.objects.filter(slug__in=themes))
            row.alert_regions.set(Region.objects.filter(slug__in=regions))
    for week_number, question_index, username, themes, region in POST_TAGS:
        topic = (
            QuestionTopic.objects.filter(week=cohort.weeks[week_number], retired=False)
            .order_by("position")[question_index]
            .topic
        )
        post = Post.objects.filter(topic=topic, poster=cohort.people[username]).first()
        if post is None or PostTags.objects.filter(post=post).exists():
            continue
        set_post_tags(
            post,
            Theme.objects.filter(slug__in=themes),
            Region.objects.filter(slug=region).first(),
        )
        cohort.report.created.append(f"themes and region of a post by {username}")


def _post(
    week: WeekPage,
    question_index: int,
    user: User,
    text: str,
    report: DemoReport,
    *,
    asks: bool = False,
):
    question_topic = (
        QuestionTopic.objects.filter(week=week, retired=False)
        .select_related("topic")
        .order_by("position")[question_index]
    )
    topic = question_topic.topic
    subject = f"Re: {topic.subject}"[:255]
    if Post.objects.filter(topic=topic, poster=user, content=text).exists():
        return None
    post = Post(topic=topic, poster=user, subject=subject, content=text, approved=True)
    # Each demo member writes in their preferred language and says so, as the post form
    # does: the "Re: …" subject in the course's language would mislead detection.
    post.puentes_chosen_language = get_profile(user).preferred_language
    # A question to the week's key respondents, as the reply form's checkbox marks it: they
    # are told of it (notifications) as of any other.
    post.puentes_asks_key_respondent = asks
    post.save()
    report.created.append(f"post by {user.username} in week {week.number}")
    return post
