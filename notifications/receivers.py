"""Which signal of which app becomes which event (see `events`).

The apps below the notifications know nothing of them: they send their signals (machina's
post saves, Wagtail's publications and workflows, course applications) and these receivers
turn them into notices, in the transaction of the event. Weeks open and close by date, with
no signal: `tasks` does those by Celery beat, and the translations that failed for good
(written by queryset updates, with no signal either).
"""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_save, pre_save
from django.urls import reverse
from machina.core.db.models import get_model

from courses.identity import course_of_page
from courses.models import Application, CaseStudyPage

from . import alerts, community_events, project_events, recipients
from .events import notify
from .models import Event

Post: Any = get_model("forum_conversation", "Post")
#: An application's status before this save, kept on the instance by `remember_status`.
STATUS_BEFORE = "_puentes_status_before"


def connect() -> None:
    """Called once from the app's ready()."""
    from wagtail.signals import page_published, task_submitted

    pre_save.connect(remember_approval, sender=Post, dispatch_uid="notifications_post_pre")
    post_save.connect(post_saved, sender=Post, dispatch_uid="notifications_post")
    page_published.connect(
        case_study_published, sender=CaseStudyPage, dispatch_uid="notifications_case_study"
    )
    # Each review task started: the first submission and each resubmission after changes.
    task_submitted.connect(submitted_for_review, dispatch_uid="notifications_review")
    # An email waiting for the translation it quotes goes as soon as it is there.
    from translations.signals import posts_translated, texts_translated

    from . import outbox

    posts_translated.connect(outbox.posts_translated, dispatch_uid="notifications_wake_posts")
    texts_translated.connect(outbox.texts_translated, dispatch_uid="notifications_wake_texts")
    pre_save.connect(
        remember_status, sender=Application, dispatch_uid="notifications_application_pre"
    )
    post_save.connect(application_saved, sender=Application, dispatch_uid="notifications_app")
    alerts.connect()  # members' alerts by theme and region, after the events above
    project_events.connect()  # offers of help on projects, and their answers
    community_events.connect()  # proposals, requests to join, invitations, bridges


# ---------------------------------------------------------------------------
# Posts
# ---------------------------------------------------------------------------
def remember_approval(sender, instance, raw: bool = False, **kwargs) -> None:
    """A post approved by a moderator later is told then, once."""
    if raw or instance.pk is None:
        return
    instance._puentes_was_approved = (
        Post.objects.filter(pk=instance.pk).values_list("approved", flat=True).first()
    )


def post_saved(sender, instance, created: bool = False, raw: bool = False, **kwargs) -> None:
    if raw or not instance.approved:
        return
    if not created and getattr(instance, "_puentes_was_approved", True) is not False:
        return  # an edit of a post already told
    instance._puentes_was_approved = True
    post_events(instance)


def post_events(post) -> None:
    """Everyone a new post concerns, strongest event first (`events.STRENGTH`)."""
    if recipients.is_week_question(post):
        return
    actor = post.poster
    question = recipients.answered_question(post)
    if question is not None and question.post.poster is not None:
        notify(Event.ANSWER, [question.post.poster], post=post, actor=actor)
    week = recipients.asks_key_respondents(post)
    if week is not None:
        notify(Event.QUESTION, recipients.week_key_respondents(week), post=post, actor=actor)
    notify(Event.MENTION, recipients.mentioned_users(str(post.content)), post=post, actor=actor)
    notify(Event.REPLY, recipients.replied_to(post), post=post, actor=actor)
    followers = recipients.topic_and_forum_followers(post)
    if followers:
        people = recipients.User.objects.filter(pk__in=followers, is_active=True)
        notify(Event.NEW_POST, people, post=post, actor=actor)


# ---------------------------------------------------------------------------
# Pages
# ---------------------------------------------------------------------------
def case_study_published(sender, instance: CaseStudyPage, revision=None, **kwargs) -> None:
    if kwargs.get("alias"):
        return
    course = course_of_page(instance)
    if course is None:
        return
    actor = getattr(revision, "user", None)
    notify(Event.CASE_STUDY, recipients.course_members(course), page=instance, actor=actor)


def submitted_for_review(sender, instance, user=None, **kwargs) -> None:
    """A case study submitted to its course's review workflow: its organizers review it."""
    page = instance.workflow_state.content_object
    page = page.specific if page is not None else None
    if not isinstance(page, CaseStudyPage):
        return
    course = course_of_page(page)
    if course is None:
        return
    notify(Event.CASE_STUDY_REVIEW, recipients.organizers(course), page=page, actor=user)


# ---------------------------------------------------------------------------
# Applications (courses.applications saves them; the decision's email stays there)
# ---------------------------------------------------------------------------
def remember_status(sender, instance: Application, raw: bool = False, **kwargs) -> None:
    if raw or instance.pk is None:
        return
    before = Application.objects.filter(pk=instance.pk).values_list("status", flat=True).first()
    setattr(instance, STATUS_BEFORE, before)


def application_saved(
    sender, instance: Application, created: bool = False, raw: bool = False, **kwargs
) -> None:
    if raw:
        return
    data = {"course": instance.course_id, "application": instance.pk, "status": instance.status}
    if created:
        notify(
            Event.APPLICATION,
            recipients.organizers(instance.course),
            page=instance.course,  # its title says which course, in the reader's language
            actor=instance.user,
            url=reverse("course_applications"),
            data=data,
        )
        notify(Event.APPLICATION_RECEIVED, [instance.user], data=data)
        return
    before = getattr(instance, STATUS_BEFORE, None)
    if before == Application.Status.PENDING and instance.status != before:
        notify(
            Event.APPLICATION_DECIDED,
            [instance.user],
            actor=instance.decided_by,
            url=_course_path(instance),
            data=data,
        )


def _course_path(application: Application) -> str:
    parts = application.course.get_url_parts()
    return parts[2] if parts else ""
