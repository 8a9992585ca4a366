"""The arguments the privacy matrix fills URL patterns with: for each kind named in
url_table.py, several real ones, private things first (a community's forum, a hidden answer,
a draft page), and the values of the table's query strings and searches.
"""

from __future__ import annotations

from machina.core.db.models import get_model
from wagtail.models import Page, Task, Workflow

from courses.models import Enrollment
from forum.models import CommunityOfPractice
from notifications.models import Email, Notice
from translations.models import GlossaryTerm, PostTranslation, TextSource, TextTranslation

from .world import (
    APPLICANT_B,
    CASE_REVIEW_B,
    COMMUNITY_A,
    COMMUNITY_B,
    COMMUNITY_NAME_B,
    DRAFT_B,
    ENROLLEE_B,
    GLOSSARY_B,
    HIDDEN_A,
    HIDDEN_B,
    POST_B,
    World,
    secret_post,
)

Attachment = get_model("forum_attachments", "Attachment")
TopicPoll = get_model("forum_polls", "TopicPoll")


def candidates(world: World) -> dict[str, list[dict[str, str]]]:
    a, b = world.course_a, world.course_b
    people = world.people
    secret_posts = [secret_post(s) for s in (COMMUNITY_B, HIDDEN_B, POST_B, COMMUNITY_A, HIDDEN_A)]
    topics = list(dict.fromkeys(post.topic for post in secret_posts))
    forums = list(dict.fromkeys(topic.forum for topic in topics))
    category_b = forums[0].parent
    forums.append(category_b)
    users = [
        people[name]
        for name in (
            "community_author_b",
            "hidden_author_b",
            "enrollee_b",
            "applicant_b",
            "participant_es_a",
        )
    ]
    # The private pages (a case study in review, a draft week), and the pages whose admin
    # listings show them.
    pages = [world.case_study_b, world.draft_b]
    parents = [b, world.week_b, world.draft_b]
    revision_pairs = [
        {"page_id": str(page.pk), "revision_id": str(page.latest_revision_id)}
        for page in pages
        if page.latest_revision_id
    ]

    def forum_route(forum) -> dict[str, str]:
        return {"forum_slug": forum.slug, "forum_pk": str(forum.pk)}

    def topic_route(topic) -> dict[str, str]:
        return {**forum_route(topic.forum), "topic_slug": topic.slug, "topic_pk": str(topic.pk)}

    def site_path(page) -> str:
        return page.get_url_parts()[2].lstrip("/") if page.get_url_parts() else ""

    enrollments = Enrollment.objects.filter(
        user__in=[people["enrollee_b"], people["participant_es_a"]]
    )
    workflows = list(Workflow.objects.all())
    workflow_state = world.case_study_b.current_workflow_state
    task_state = workflow_state.current_task_state
    return {
        "forum": [{"slug": f.slug, "pk": str(f.pk)} for f in forums],
        "forum_route": [forum_route(f) for f in forums],
        "forum_pk": [{"pk": str(f.pk)} for f in forums],
        "topic": [{**forum_route(t.forum), "slug": t.slug, "pk": str(t.pk)} for t in topics],
        "topic_route": [topic_route(t) for t in topics],
        "topic_slug_pk": [{"slug": t.slug, "pk": str(t.pk)} for t in topics],
        "topic_pk": [{"pk": str(t.pk)} for t in topics],
        "post": [{**topic_route(p.topic), "pk": str(p.pk)} for p in secret_posts],
        "post_pk": [{"pk": str(p.pk)} for p in secret_posts],
        "attachment": [{"pk": str(x.pk)} for x in Attachment.objects.all()],
        "poll": [{"pk": str(x.pk)} for x in TopicPoll.objects.all()],
        "user": [{"pk": str(u.pk)} for u in users],
        "username": [{"username": u.username} for u in users],
        # One translation of each secret post (the others show the same text).
        "translation": [
            {"pk": str(row.pk)}
            for post in secret_posts
            for row in PostTranslation.objects.filter(post=post).order_by("language")[:1]
        ],
        # The translations of a text of B's community (its name), and of B's week page.
        "text_translation": [
            {"pk": str(pk)}
            for texts in (
                TextSource.objects.filter(text__contains=COMMUNITY_NAME_B.marker),
                TextSource.objects.filter(object_id=world.week_b.pk, field="title"),
            )
            for pk in TextTranslation.objects.filter(source__in=texts)
            .order_by("language")
            .values_list("pk", flat=True)[:2]
        ],
        "course": [{"course_id": str(c.pk)} for c in (b, a)],
        "page": [{"page_id": str(p.pk)} for p in pages],
        "parent_page": [{"parent_page_id": str(p.pk)} for p in parents],
        "page_to_move": [{"page_to_move_id": str(p.pk)} for p in pages],
        "page_pk": [{"pk": str(p.pk)} for p in (*pages, *parents[:2])],
        "page_revision": revision_pairs,
        "page_revision_compare": [
            {"pk": pair["page_id"], "revision_id_a": "earliest", "revision_id_b": "latest"}
            for pair in revision_pairs
        ],
        "page_workflow_state": [
            {"page_id": str(world.case_study_b.pk), "workflow_state_id": str(workflow_state.pk)}
        ],
        "page_task": [{"page_id": str(world.case_study_b.pk), "task_id": str(task_state.task_id)}],
        "page_task_action": [
            {
                "page_id": str(world.case_study_b.pk),
                "action_name": action,
                "task_state_id": str(task_state.pk),
            }
            for action in ("approve", "reject")
        ],
        "page_type": [
            {"content_type_app_name": "courses", "content_type_model_name": model}
            for model in ("weekpage", "casestudypage", "coursepage")
        ],
        "page_model": [
            {"app_label": "courses", "model_name": model} for model in ("weekpage", "casestudypage")
        ],
        "add_page": [
            {
                "content_type_app_name": "courses",
                "content_type_model_name": "weekpage",
                "parent_page_id": str(b.pk),
            },
            {
                "content_type_app_name": "courses",
                "content_type_model_name": "casestudypage",
                "parent_page_id": str(world.week_b.pk),
            },
        ],
        "site_path": [
            {"_0": path}
            for path in dict.fromkeys([*(site_path(p) for p in (*pages, *parents[:2], a)), ""])
        ],
        "enrollment": [{"pk": str(e.pk)} for e in enrollments],
        "application": [{"pk": str(x.pk)} for x in world.applications.values()],
        "community": [{"pk": str(c.pk)} for c in CommunityOfPractice.objects.all()],
        "glossary_term": [{"pk": str(t.pk)} for t in GlossaryTerm.objects.all()],
        "wagtail_user": [{"pk": str(u.pk)} for u in users],
        "bulk": [
            {"app_label": "wagtailcore", "model_name": "page", "action": action}
            for action in ("delete", "move", "publish", "unpublish")
        ]
        + [
            {"app_label": "auth", "model_name": "user", "action": action}
            for action in ("delete", "assign_role", "set_active_state")
        ],
        "editing_session": [
            {
                "app_label": "wagtailcore",
                "model_name": "page",
                "object_id": str(p.pk),
                "session_id": "1",
            }
            for p in pages[:2]
        ],
        "editing_session_id": [{"session_id": "1"}],
        "page_action": [{"pk": str(p.pk), "action_name": "copy"} for p in pages],
        "page_move": [
            {"page_to_move_id": str(p.pk), "destination_id": str(a.pk)} for p in pages[:3]
        ]
        + [{"page_to_move_id": str(a.pk), "destination_id": str(p.pk)} for p in pages[:3]],
        "tag_model": [{"app_name": "taggit", "model_name": "tag"}],
        "workflow": [{"pk": str(w.pk)} for w in workflows],
        "workflow_page": [{"page_pk": str(c.pk)} for c in (b, a)],
        "workflow_page_workflow": [
            {"page_pk": str(c.pk), "workflow_pk": str(w.pk)} for c in (b, a) for w in workflows
        ],
        "task": [{"task_id": str(t.pk)} for t in Task.objects.all()],
        "forum_id": [{"forum_id": str(f.pk)} for f in forums],
        "topic_id": [{"topic_id": str(t.pk)} for t in topics],
        # The notices and emails the world's posts and applications produced (their secrets).
        "notice": [{"pk": str(n.pk)} for n in Notice.objects.order_by("pk")[:20]],
        "email": [{"pk": str(e.pk)} for e in Email.objects.order_by("pk")[:20]],
        "unsubscribe_token": [{"token": "forged-token"}, {"token": "e30:forged:signature"}],
        "django_admin_app": [{"app_label": "forum_conversation"}, {"app_label": "auth"}],
    }


def query_values(world: World) -> dict[str, str]:
    page_ids = [
        *Page.objects.descendant_of(world.course_b, inclusive=True).values_list("pk", flat=True),
        world.course_a.pk,
    ]
    user_ids = [world.people[name].pk for name in ("applicant_b", "enrollee_b")]
    return {
        "a_id": str(world.course_a.pk),
        "b_id": str(world.course_b.pk),
        "b_path": world.course_b.get_url_parts()[2],
        "page_ids": "&".join(f"id={pk}" for pk in page_ids),
        "bulk_ids": "&".join(f"id={pk}" for pk in [*page_ids, *user_ids]),
        "hidden_b_pk": str(secret_post(HIDDEN_B).pk),
        "community_b_pk": str(secret_post(COMMUNITY_B).pk),
    }


# The search words to try, by what a search looks through.
SEARCH_WORDS = {
    "posts": [s.search_word for s in (COMMUNITY_B, HIDDEN_B, POST_B, COMMUNITY_A, HIDDEN_A)],
    "pages": [s.search_word for s in (DRAFT_B, CASE_REVIEW_B)],
    "people": [s.search_word for s in (APPLICANT_B, ENROLLEE_B)],
    "glossary": [GLOSSARY_B.search_word],
    "communities": [COMMUNITY_NAME_B.search_word],
    # The forum's search looks through posts, pages and forum names.
    "forum search": [
        s.search_word
        for s in (COMMUNITY_B, HIDDEN_B, POST_B, COMMUNITY_A, HIDDEN_A, DRAFT_B, CASE_REVIEW_B)
    ]
    + [COMMUNITY_NAME_B.search_word],
}
