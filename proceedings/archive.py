"""The archive of a whole course: every post with its original and every translation, the
weeks with their readings, the case studies, the harvest and the participation figures.

It is the course's record for its organizers, so consent to be quoted does not filter it
(the proceedings are what respects consent); private communities stay out unless the
organizer includes them. Everything is read in a fixed number of queries, whatever the
number of posts (rows as values, joined in Python): 2,000 posts take a second or two.
The files themselves (JSON, CSV, Markdown, README) are written by ``archive_files``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_noop
from machina.core.db.models import get_model

from courses.models import CaseStudyPage, CoursePage, WeekPage
from forum.course_of import course_forum_ids
from forum.discussion import topic_url
from forum.models import CommunityOfPractice, PostTags, QuestionTopic, WeekForum
from members.models import Profile
from translations.models import PostLanguage, PostTranslation, TextSource, TextTranslation

from . import archive_files
from .figures import participation
from .models import Passage, QuoteConsent

Forum: Any = get_model("forum", "Forum")
Topic: Any = get_model("forum_conversation", "Topic")
Post: Any = get_model("forum_conversation", "Post")

#: progress(percent, step): the steps are stored as written and translated when shown.
Progress = Callable[[int, str], None]
STEP_POSTS = gettext_noop("Reading the posts")
STEP_PAGES = gettext_noop("Reading the weeks, readings and case studies")
STEP_HARVEST = gettext_noop("Reading the harvest")
STEP_FIGURES = gettext_noop("Counting participation")
STEP_FILES = gettext_noop("Writing the files")


@dataclass
class Place:
    """Where a forum sits in the course: a week's forum or a (private) community's."""

    forum_id: int
    name: str
    slug: str
    week_number: int | None = None
    week_title: str = ""
    community: str = ""

    @property
    def private(self) -> bool:
        return bool(self.community)


def absolute(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path if path.startswith("/") else path


def iso(value) -> str:
    return value.isoformat() if value else ""


def forum_places(course: CoursePage, *, include_private: bool) -> dict[int, Place]:
    """The course's forums that the archive holds: a private community's (and any forum
    under it) only when asked for."""
    forums = {
        row["pk"]: row
        for row in Forum.objects.filter(pk__in=course_forum_ids(course)).values(
            "pk", "name", "slug", "parent_id"
        )
    }
    weeks = {
        row.forum_id: row.week
        for row in WeekForum.objects.filter(forum_id__in=forums).select_related("week")
    }
    communities = dict(
        CommunityOfPractice.objects.filter(forum_id__in=forums).values_list("forum_id", "name")
    )

    def community_of(forum_id: int | None) -> str:
        while forum_id in forums:
            if forum_id in communities:
                return communities[forum_id]
            forum_id = forums[forum_id]["parent_id"]
        return ""

    places = {}
    for pk, row in forums.items():
        week = weeks.get(pk)
        place = Place(pk, row["name"], row["slug"], community=community_of(pk))
        if week is not None:
            place.week_number, place.week_title = week.number, week.title
        if include_private or not place.private:
            places[pk] = place
    return places


def people(user_ids: Iterable[int | None]) -> dict[int, dict]:
    """{user id: {username, name}}: the display name of their profile, else as the site
    names them (full name, else login)."""
    ids = {pk for pk in user_ids if pk}
    names = dict(
        Profile.objects.filter(user_id__in=ids)
        .exclude(display_name="")
        .values_list("user_id", "display_name")
    )
    found = {}
    for pk, username, first, last in (
        get_user_model()
        .objects.filter(pk__in=ids)
        .values_list("pk", "username", "first_name", "last_name")
    ):
        full = f"{first} {last}".strip()
        found[pk] = {"id": pk, "username": username, "name": names.get(pk) or full or username}
    return found


def translation_record(row: dict, reviewers: dict[int, dict]) -> dict:
    reviewer = reviewers.get(row["reviewed_by_id"]) if row["reviewed_by_id"] else None
    return {
        "language": row["language"],
        "status": row["status"],
        "source_language": row["source_language"],
        "subject": row.get("subject", ""),
        "text": row.get("content", row.get("text", "")),
        "engine": row["engine"],
        "translated_at": iso(row["translated_at"]),
        "reviewed": row["reviewed_at"] is not None,
        "reviewed_by": reviewer["name"] if reviewer else "",
        "reviewed_at": iso(row["reviewed_at"]),
        "source_changed_since_review": row["source_changed_since_review"],
    }


TRANSLATION_FIELDS = (
    "language",
    "status",
    "source_language",
    "engine",
    "translated_at",
    "reviewed_by_id",
    "reviewed_at",
    "source_changed_since_review",
)


def post_records(places: dict[int, Place]) -> tuple[list[dict], list[dict]]:
    """(topics, posts): approved posts of these forums, oldest first, each with its
    language, its themes and region, and every translation."""
    posts_query = Post.objects.filter(topic__forum_id__in=list(places), approved=True)
    rows = list(
        posts_query.order_by("created", "pk").values(
            "pk", "topic_id", "poster_id", "username", "subject", "content", "created", "updated"
        )
    )
    topics = {
        row["pk"]: row
        for row in Topic.objects.filter(forum_id__in=list(places)).values(
            "pk", "forum_id", "subject", "slug", "created", "first_post_id"
        )
    }
    questions = dict(
        QuestionTopic.objects.filter(topic_id__in=list(topics)).values_list("topic_id", "block_id")
    )
    languages = {
        post_id: (language, chosen)
        for post_id, language, chosen in PostLanguage.objects.filter(
            post__in=posts_query
        ).values_list("post_id", "language", "chosen_by_author")
    }
    translations: dict[int, list[dict]] = defaultdict(list)
    for row in (
        PostTranslation.objects.filter(post__in=posts_query)
        .order_by("post_id", "language")
        .values("post_id", "subject", "content", *TRANSLATION_FIELDS)
        .iterator(chunk_size=2000)
    ):
        translations[row["post_id"]].append(row)
    tags = post_tags(posts_query)
    topic_paths = {
        pk: topic_url_of(places[topic["forum_id"]], topic) for pk, topic in topics.items()
    }
    names = people(
        {row["poster_id"] for row in rows}
        | {t["reviewed_by_id"] for rows_ in translations.values() for t in rows_}
    )
    posts = []
    for row in rows:
        topic = topics[row["topic_id"]]
        place = places[topic["forum_id"]]
        language, chosen = languages.get(row["pk"], ("", False))
        author = names.get(row["poster_id"]) or {"id": None, "username": row["username"] or ""}
        themes, region = tags.get(row["pk"], ([], ""))
        path = f"{topic_paths[topic['pk']]}?post={row['pk']}#{row['pk']}"
        posts.append(
            {
                "id": row["pk"],
                "url": absolute(path),
                "topic_id": row["topic_id"],
                "week": place.week_number,
                "community": place.community,
                "private": place.private,
                "author": author.get("name", author["username"]),
                "author_username": author["username"],
                "author_id": row["poster_id"],
                "created": iso(row["created"]),
                "updated": iso(row["updated"]),
                "language": language,
                "language_chosen_by_author": chosen,
                "subject": row["subject"],
                "content": row["content"] or "",
                "themes": themes,
                "region": region,
                "translations": {
                    t["language"]: translation_record(t, names) for t in translations[row["pk"]]
                },
            }
        )
    counts: dict[int, int] = defaultdict(int)
    for post in posts:
        counts[post["topic_id"]] += 1
    topic_records = [
        {
            "id": pk,
            "url": absolute(topic_paths[pk]),
            "subject": topic["subject"],
            "forum": places[topic["forum_id"]].name,
            "week": places[topic["forum_id"]].week_number,
            "community": places[topic["forum_id"]].community,
            "private": places[topic["forum_id"]].private,
            "discussion_question": pk in questions,
            "first_post_id": topic["first_post_id"],
            "created": iso(topic["created"]),
            "posts": counts[pk],
        }
        for pk, topic in sorted(topics.items())
        if counts[pk]
    ]
    return topic_records, posts


def topic_url_of(place: Place, topic: dict) -> str:
    forum = Forum(pk=place.forum_id, slug=place.slug)
    return topic_url(forum, Topic(pk=topic["pk"], slug=topic["slug"]))


def post_tags(posts_query) -> dict[int, tuple[list[str], str]]:
    """{post id: ([theme names], region name)}: two queries."""
    tags = PostTags.objects.filter(post__in=posts_query)
    themes: dict[int, list[str]] = defaultdict(list)
    for post_id, name in tags.values_list("post_id", "themes__name").order_by("themes__name"):
        if name:
            themes[post_id].append(name)
    regions = dict(tags.values_list("post_id", "region__name"))
    return {
        pk: (themes.get(pk, []), regions.get(pk) or "")
        for pk in set(themes) | {pk for pk, name in regions.items() if name}
    }


def object_texts(objects: Iterable[Any]) -> dict[tuple[int, int], dict[str, dict]]:
    """{(content type id, pk): {field: {text, kind, language, translations}}}: the texts of
    these pages (or passages) as written, with every translation; two queries."""
    keys = {(ContentType.objects.get_for_model(obj).pk, obj.pk) for obj in objects}
    if not keys:
        return {}
    query = Q()
    for content_type, pk in keys:
        query |= Q(content_type_id=content_type, object_id=pk)
    sources = list(TextSource.objects.filter(query).order_by("position", "pk"))
    rows: dict[int, list[dict]] = defaultdict(list)
    for row in (
        TextTranslation.objects.filter(source__in=[source.pk for source in sources])
        .order_by("language")
        .values("source_id", "text", "source_digest", *TRANSLATION_FIELDS)
    ):
        rows[row["source_id"]].append(row)
    reviewers = people(row["reviewed_by_id"] for found in rows.values() for row in found)
    texts: dict[tuple[int, int], dict[str, dict]] = defaultdict(dict)
    for source in sources:
        texts[(source.content_type_id, source.object_id)][source.field] = {
            "text": source.text,
            "kind": source.kind,
            "language": source.language,
            "translations": {
                row["language"]: {
                    **translation_record(row, reviewers),
                    # A translation of an older version of the text (the worker redoes it).
                    "current": row["source_digest"] == source.digest,
                }
                for row in rows[source.pk]
            },
        }
    return texts


def texts_of(texts: dict, obj) -> dict[str, dict]:
    return texts.get((ContentType.objects.get_for_model(obj).pk, obj.pk), {})


def page_records(course: CoursePage) -> tuple[list[dict], list[dict], list[dict]]:
    """(weeks with their questions, readings, case studies), each text with its
    translations."""
    weeks = list(WeekPage.objects.child_of(course).live().order_by("number", "path"))
    studies = list(
        CaseStudyPage.objects.descendant_of(course)
        .live()
        .select_related("territory")
        .prefetch_related("authors", "themes")
        .order_by("path")
    )
    texts = object_texts([*weeks, *studies])
    week_of_path = {week.path: week.number for week in weeks}
    week_records, readings = [], []
    for week in weeks:
        week_texts = texts_of(texts, week)
        week_records.append(
            {
                "id": week.pk,
                "number": week.number,
                "url": absolute(week.url or ""),
                "opens_on": iso(week.opens_on),
                "closes_on": iso(week.closes_on),
                "texts": {name: text for name, text in week_texts.items() if "." not in name},
                "questions": [
                    {"block_id": block.id, **week_texts.get(f"{block.id}.text", {})}
                    for block in week.questions
                ],
            }
        )
        for block in week.readings:
            value = block.value
            document = value.get("document") if block.block_type == "document" else None
            readings.append(
                {
                    "week": week.number,
                    "block_id": block.id,
                    "type": block.block_type,
                    "language": value.get("language") or "",
                    "url": value.get("url") or (absolute(document.url) if document else ""),
                    "source": value.get("source") or "",
                    "texts": {
                        name.split(".", 1)[1]: text
                        for name, text in week_texts.items()
                        if name.startswith(f"{block.id}.")
                    },
                }
            )
    case_studies = [
        {
            "id": study.pk,
            "url": absolute(study.url or ""),
            "week": week_of_path.get(study.path[: -study.steplen]),
            "authors": [
                author.get_full_name() or author.username for author in study.authors.all()
            ],
            "language": study.language,
            "region": study.territory.name if study.territory else "",
            "themes": [theme.name for theme in study.themes.all()],
            "texts": texts_of(texts, study),
        }
        for study in studies
    ]
    return week_records, readings, case_studies


def harvest_records(course: CoursePage, places: dict[int, Place], posts: list[dict]) -> list[dict]:
    """The harvest (in the proceedings or left out), of the archived posts only, with its
    tags, each passage's translations and how its author agreed to be quoted."""
    archived = {post["id"]: post for post in posts}
    passages = [
        passage
        for passage in Passage.objects.filter(course=course)
        .prefetch_related("themes", "regions")
        .order_by("created", "pk")
        if passage.post_id in archived
    ]
    texts = object_texts(passages)
    consents = dict(QuoteConsent.objects.filter(course=course).values_list("member_id", "choice"))
    harvesters = people(passage.harvested_by_id for passage in passages)
    records = []
    for passage in passages:
        post = archived[passage.post_id]
        text = texts_of(texts, passage).get("text", {})
        harvester = harvesters.get(passage.harvested_by_id or 0)
        records.append(
            {
                "id": passage.pk,
                "post_id": passage.post_id,
                "post_url": post["url"],
                "author": post["author"],
                "author_consent": consents.get(post["author_id"], ""),
                "week": post["week"],
                "community": post["community"],
                "whole_post": not passage.text,
                "text": passage.text or post["content"],
                "language": passage.language or post["language"],
                "themes": [theme.name for theme in passage.themes.all()],
                "regions": [region.name for region in passage.regions.all()],
                "note": passage.note,
                "included": passage.included,
                "harvested_by": harvester["name"] if harvester else "",
                "created": iso(passage.created),
                "translations": text.get("translations", {}),
            }
        )
    return records


def build_archive(
    course: CoursePage, *, include_private: bool = False, progress: Progress | None = None
) -> bytes:
    """The ZIP of the whole course (see the module's docstring and the README inside)."""
    report = progress or (lambda percent, step: None)
    report(5, STEP_POSTS)
    places = forum_places(course, include_private=include_private)
    topics, posts = post_records(places)
    report(45, STEP_PAGES)
    weeks, readings, case_studies = page_records(course)
    report(60, STEP_HARVEST)
    harvest = harvest_records(course, places, posts)
    report(70, STEP_FIGURES)
    figures = participation(course, include_private=include_private)
    report(80, STEP_FILES)
    data = archive_files.write_zip(
        archive_files.Contents(
            course=course_record(course, include_private=include_private),
            places=list(places.values()),
            topics=topics,
            posts=posts,
            weeks=weeks,
            readings=readings,
            case_studies=case_studies,
            harvest=harvest,
            figures=figures,
        )
    )
    report(100, STEP_FILES)
    return data


def course_record(course: CoursePage, *, include_private: bool) -> dict:
    return {
        "id": course.pk,
        "title": course.title,
        "url": absolute(course.url or ""),
        "slug": course.slug,
        "start_date": iso(course.start_date),
        "end_date": iso(course.end_date),
        "languages": list(course.languages),
        "themes": [theme.name for theme in course.themes.all()],
        "regions": [region.name for region in course.regions.all()],
        "include_private_communities": include_private,
        "exported_at": iso(timezone.now()),
    }
