"""The files of a course's archive: JSON (one file per kind of record), CSV for
spreadsheets, Markdown to read each week's discussions, and a README saying what is where.

Headings and the README are in the active interface language (the requester's); the texts
themselves stay as written, every translation beside them.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from dataclasses import dataclass
from typing import Any

from django.utils.text import slugify
from django.utils.translation import gettext as _

from members.languages import LANGUAGE_NAMES

#: A spreadsheet would run a cell starting with these as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass
class Contents:
    course: dict
    places: list[Any]
    topics: list[dict]
    posts: list[dict]
    weeks: list[dict]
    readings: list[dict]
    case_studies: list[dict]
    harvest: list[dict]
    figures: dict


def write_zip(contents: Contents) -> bytes:
    folder = f"{contents.course['slug'] or 'course'}-archive"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:

        def add(name: str, text: str) -> None:
            archive.writestr(f"{folder}/{name}", text)

        add("README.md", readme(contents))
        for name, records in (
            ("course", contents.course),
            ("topics", contents.topics),
            ("posts", contents.posts),
            ("weeks", contents.weeks),
            ("readings", contents.readings),
            ("case_studies", contents.case_studies),
            ("harvest", contents.harvest),
            ("figures", contents.figures),
        ):
            add(f"json/{name}.json", as_json(records))
        add("csv/posts.csv", posts_csv(contents.posts))
        add("csv/translations.csv", translations_csv(contents))
        add("csv/harvest.csv", harvest_csv(contents.harvest))
        for name, text in markdown_files(contents).items():
            add(f"markdown/{name}", text)
    return buffer.getvalue()


def as_json(records: Any) -> str:
    return json.dumps(records, ensure_ascii=False, indent=2, default=str)


# ---------------------------------------------------------------------------
# CSV
# ---------------------------------------------------------------------------
def cell(value: Any) -> Any:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        value = "; ".join(str(item) for item in value)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return "" if value is None else value


def table(header: list[str], rows: list[list[Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows([cell(value) for value in row] for row in rows)
    return out.getvalue()


def posts_csv(posts: list[dict]) -> str:
    header = [
        "id",
        "url",
        "week",
        "community",
        "topic_id",
        "author",
        "created",
        "language",
        "subject",
        "content",
        "themes",
        "region",
        "translated_into",
        "reviewed_in",
    ]
    return table(
        header,
        [
            [
                *(post[key] for key in header[:-2]),
                sorted(lang for lang, t in post["translations"].items() if t["status"] == "done"),
                sorted(lang for lang, t in post["translations"].items() if t["reviewed"]),
            ]
            for post in posts
        ],
    )


TRANSLATION_COLUMNS = [
    "language",
    "source_language",
    "status",
    "reviewed",
    "reviewed_by",
    "reviewed_at",
    "source_changed_since_review",
    "engine",
    "subject",
    "text",
]


def translations_csv(contents: Contents) -> str:
    """Every translation, of posts, harvested passages and page texts: one row each."""
    rows = []

    def add(of: str, object_id: int, field: str, translations: dict) -> None:
        for translation in translations.values():
            rows.append([of, object_id, field, *(translation[c] for c in TRANSLATION_COLUMNS)])

    for post in contents.posts:
        add("post", post["id"], "content", post["translations"])
    for passage in contents.harvest:
        add("passage", passage["id"], "text", passage["translations"])
    for week in contents.weeks:
        for field, text in week["texts"].items():
            add("week", week["id"], field, text["translations"])
        for question in week["questions"]:
            add(
                "week", week["id"], f"{question['block_id']}.text", question.get("translations", {})
            )
    for reading in contents.readings:
        for field, text in reading["texts"].items():
            add("reading", reading["block_id"], field, text["translations"])
    for study in contents.case_studies:
        for field, text in study["texts"].items():
            add("case_study", study["id"], field, text["translations"])
    return table(["of", "object_id", "field", *TRANSLATION_COLUMNS], rows)


def harvest_csv(harvest: list[dict]) -> str:
    header = [
        "id",
        "post_id",
        "post_url",
        "author",
        "author_consent",
        "week",
        "language",
        "text",
        "themes",
        "regions",
        "included",
        "note",
        "harvested_by",
        "created",
    ]
    languages = sorted(LANGUAGE_NAMES)
    return table(
        [
            *header,
            *(f"text_{code}" for code in languages),
            *(f"reviewed_{code}" for code in languages),
        ],
        [
            [
                *(passage[key] for key in header),
                *(passage["translations"].get(code, {}).get("text", "") for code in languages),
                *(passage["translations"].get(code, {}).get("reviewed", "") for code in languages),
            ]
            for passage in harvest
        ],
    )


# ---------------------------------------------------------------------------
# Markdown: one file per week (and per community), its topics and posts
# ---------------------------------------------------------------------------
def language_name(code: str) -> str:
    return str(LANGUAGE_NAMES.get(code, code or _("language unknown")))


def labels() -> dict[str, str]:
    """The Markdown's words, looked up once (not once per post)."""
    return {
        "reviewed": _("reviewed by a translator"),
        "machine": _("machine translation"),
        "not translated": _("not translated (%(status)s)"),
        **{code: language_name(code) for code in ["", *LANGUAGE_NAMES]},
    }


def translation_label(translation: dict, words: dict[str, str]) -> str:
    if translation["status"] != "done":
        return words["not translated"] % {"status": translation["status"]}
    return words["reviewed"] if translation["reviewed"] else words["machine"]


def post_markdown(post: dict, words: dict[str, str]) -> list[str]:
    lines = [
        f"### {post['author']} · {post['created'][:16].replace('T', ' ')} · "
        f"{words.get(post['language']) or post['language']}",
        "",
        f"<{post['url']}>",
        "",
        post["content"].strip(),
        "",
    ]
    for code, translation in sorted(post["translations"].items()):
        label = translation_label(translation, words)
        lines += [f"#### {words.get(code) or code} ({label})", ""]
        if translation["status"] == "done":
            lines += [translation["text"].strip(), ""]
    return lines


def markdown_files(contents: Contents) -> dict[str, str]:
    """{file name: text}: a file per week, and per community when they are included."""
    week_titles = {
        week["number"]: week["texts"].get("title", {}).get("text", "") for week in contents.weeks
    }
    words = labels()
    files: dict[str, list[str]] = {}
    heads: dict[str, list[str]] = {}
    posts_of: dict[int, list[dict]] = {}
    for post in contents.posts:
        posts_of.setdefault(post["topic_id"], []).append(post)
    for topic in contents.topics:
        if topic["community"]:
            name = f"community-{slugify(topic['community']) or 'private'}.md"
            head = _("Private community: %(name)s") % {"name": topic["community"]}
        elif topic["week"] is not None:
            name = f"week-{topic['week']:02d}.md"
            title = week_titles.get(topic["week"]) or topic["forum"]
            head = _("Week %(number)s: %(title)s") % {"number": topic["week"], "title": title}
        else:
            name, head = "other-forums.md", _("Other forums")
        if name not in files:
            heads[name] = [f"# {head}", ""]
            files[name] = []
        files[name] += [f"## {topic['subject']}", "", f"<{topic['url']}>", ""]
        for post in posts_of.get(topic["id"], []):
            files[name] += post_markdown(post, words)
    return {name: "\n".join(heads[name] + lines) + "\n" for name, lines in sorted(files.items())}


def readme(contents: Contents) -> str:
    course = contents.course
    private = (
        _("Posts of private communities are included: the organizer asked for them.")
        if course["include_private_communities"]
        else _(
            "Posts of private communities are not included (the organizer did not ask for them)."
        )
    )
    lines = [
        f"# {course['title']}",
        "",
        _("Archive of the course, made on %(date)s.") % {"date": course["exported_at"][:10]},
        "",
        _(
            "It is the course's record for its organizers: every approved post of the "
            "course's forums, whatever its author chose about being quoted (quote consent "
            "applies to the proceedings, not to this archive). Keep it private."
        ),
        "",
        private,
        "",
        "## " + _("Files"),
        "",
        "- `json/course.json`: " + _("the course: dates, languages, themes and regions."),
        "- `json/weeks.json`: "
        + _("each week's texts and discussion questions, with their translations."),
        "- `json/readings.json`: " + _("the readings of each week, with their translations."),
        "- `json/case_studies.json`: "
        + _("the published case studies, every text with its translations."),
        "- `json/topics.json`: " + _("the topics of the forums."),
        "- `json/posts.json`: "
        + _(
            "every post as written (Markdown) with its language and every translation; "
            "`reviewed` says whether a translator reviewed it."
        ),
        "- `json/harvest.json`: "
        + _(
            "the harvested passages with their themes and regions, whether they are in the "
            "proceedings, their authors' consent and their translations."
        ),
        "- `json/figures.json`: "
        + _(
            "participation figures, counted over the published weeks' forums (and the "
            "private communities when they are included)."
        ),
        "- `csv/posts.csv`, `csv/translations.csv`, `csv/harvest.csv`: "
        + _(
            "the same for spreadsheets (UTF-8). A cell that would start with = + - or @ "
            "starts with an apostrophe, so that no spreadsheet runs it as a formula; the "
            "JSON files hold the texts exactly."
        ),
        "- `markdown/`: "
        + _("one file per week (and per community), its topics and posts with translations."),
        "",
        "## " + _("Counts"),
        "",
        f"- {_('Posts')}: {len(contents.posts)}",
        f"- {_('Topics')}: {len(contents.topics)}",
        f"- {_('Case studies')}: {len(contents.case_studies)}",
        f"- {_('Harvested passages')}: {len(contents.harvest)}",
        "",
    ]
    return "\n".join(lines)
