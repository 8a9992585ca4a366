"""Translators post-edit the texts of pages and forums in the posts' review queue and editor,
and in place on the page (an "Edit" control beside each translated text, for them only);
their text is kept until the original changes. Organizers retry failed page texts."""

from __future__ import annotations

from datetime import timedelta
from html.parser import HTMLParser
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone
from django.utils.html import conditional_escape
from django.utils.translation import gettext, override
from wagtail.models import PageViewRestriction

from courses.enrollment import enroll
from courses.models import Role
from forum.text_review import field_label
from tests.factories import CaseStudyPageFactory, CoursePageFactory, WeekPageFactory
from tests.forum.helpers import member
from translations.models import (
    PostTranslation,
    TextSource,
    TextTranslation,
    TextTranslationRevision,
)
from translations.shown_texts import texts_of
from translations.texts import translate_due_texts

pytestmark = pytest.mark.django_db

Status = TextTranslation.Status
QUEUE = "/forum/translations/review/"
JSON = {"HTTP_ACCEPT": "application/json"}


@pytest.fixture
def publish(django_capture_on_commit_callbacks):
    """Publish as an editor does (the translation task, sent on commit, is left unsent)."""

    def publish(page):
        with django_capture_on_commit_callbacks(execute=False):
            page.save_revision().publish()
        return page.__class__.objects.get(pk=page.pk)

    return publish


@pytest.fixture
def translator(course):
    """A translator of the course whose interface is in English (the labels in words)."""
    user = member("en", reads=["en", "fr"])
    enroll(course=course, user=user, role=Role.TRANSLATOR)
    return user


@pytest.fixture
def english_week(course, publish):
    week = publish(
        WeekPageFactory(
            parent=course,
            title="Access to capital",
            theme="How cooperatives find money",
            introduction='<p>This week we read about <b>social finance</b> in <a href="https://example.org/">Quebec</a>.</p>',
            language_written="en",
        )
    )
    translate_due_texts()
    return week


def text_row(page, field: str, language: str = "es") -> TextTranslation:
    return TextTranslation.objects.get(
        source__content_type=ContentType.objects.get_for_model(page),
        source__object_id=page.pk,
        source__field=field,
        language=language,
    )


def edit_url(row: TextTranslation) -> str:
    return reverse("text_translation_edit", args=[row.pk])


def save(client, row: TextTranslation, text: str, digest: str | None = None, **headers):
    return client.post(
        edit_url(row), {"text": text, "digest": digest or row.source.digest}, **headers
    )


# ---------------------------------------------------------------------------
# The queue
# ---------------------------------------------------------------------------
def test_the_queue_lists_a_weeks_texts_with_field_languages_original_and_machine_text(
    client, translator, english_week
):
    title = text_row(english_week, "title")
    client.force_login(translator)

    html = client.get(QUEUE).content.decode()

    assert f'data-text-translation="{title.pk}"' in html
    assert f'data-text-translation="{text_row(english_week, "introduction").pk}"' in html
    assert "Introduction" in html  # the field, in words
    assert "Access to capital" in html  # the original
    assert title.text in html  # the machine's text
    assert "English → Spanish" in html
    assert f'href="{english_week.url}"' in html
    assert edit_url(title) in html


def test_the_pages_kind_lists_only_page_texts_and_the_posts_kind_only_posts(
    client, translator, english_week, post
):
    client.force_login(translator)

    pages = client.get(QUEUE, {"kind": "pages"}).content.decode()
    posts = client.get(QUEUE, {"kind": "posts"}).content.decode()
    both = client.get(QUEUE).content.decode()

    assert "data-text-translation=" in pages
    assert "data-translation=" not in pages
    assert "data-text-translation=" not in posts
    assert "data-translation=" in posts
    assert "data-text-translation=" in both
    assert "data-translation=" in both


def test_the_queue_lists_a_case_studys_every_field_named_in_words(
    client, translator, english_week, publish
):
    case = publish(
        CaseStudyPageFactory(
            parent=english_week,
            title="Le Chantier",
            abstract="Le Chantier de l'économie sociale.",
            body="<p>Une étude de cas courte.</p>",
            policy_reflections="<p>Des politiques publiques.</p>",
        )
    )
    translate_due_texts()
    client.force_login(translator)

    html = client.get(QUEUE, {"kind": "pages", "pair": "fr-es"}).content.decode()

    for field in ("title", "abstract", "body", "policy_reflections"):
        assert f'data-text-translation="{text_row(case, field).pk}"' in html
    assert "Policy reflections" in html
    assert "Region or country" in html


def test_a_question_of_a_week_is_named_by_its_place_in_the_questions(
    client, translator, english_week
):
    block_id = english_week.questions[1].id
    client.force_login(translator)

    html = client.get(QUEUE, {"kind": "pages"}).content.decode()

    assert f'data-text-translation="{text_row(english_week, f"{block_id}.text").pk}"' in html
    assert "Discussion questions 2 (Question): question" in html


def test_a_translator_of_another_course_sees_none_of_this_courses_texts(
    client, english_week, home_page
):
    other = CoursePageFactory(parent=home_page)
    outsider = member("es")
    enroll(course=other, user=outsider, role=Role.TRANSLATOR)
    client.force_login(outsider)

    html = client.get(QUEUE).content.decode()

    assert "data-text-translation=" not in html
    assert "Access to capital" not in html


def test_texts_of_an_unpublished_week_and_its_case_studies_leave_the_queue(
    client, translator, english_week, publish
):
    case = publish(CaseStudyPageFactory(parent=english_week))
    translate_due_texts()
    english_week.unpublish()
    client.force_login(translator)

    html = client.get(QUEUE).content.decode()

    assert f'data-text-translation="{text_row(english_week, "title").pk}"' not in html
    assert f'data-text-translation="{text_row(case, "title").pk}"' not in html


def test_texts_of_a_page_restricted_to_other_groups_stay_out_of_the_queue(
    client, translator, english_week
):
    restriction = PageViewRestriction.objects.create(
        page=english_week, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.create(name="Reading group"))
    client.force_login(translator)

    html = client.get(QUEUE).content.decode()

    assert f'data-text-translation="{text_row(english_week, "title").pk}"' not in html


def test_a_forum_name_is_in_the_queue_of_those_who_read_the_forum(client, translator, forum):
    source = TextSource.objects.get(content_type__model="forum", object_id=forum.pk, field="name")
    source.translations.update(
        status=Status.DONE, text="Semana", source_language="en", translated_at=source.updated_at
    )
    row = source.translations.get(language="es")
    client.force_login(translator)

    html = client.get(QUEUE, {"kind": "pages"}).content.decode()

    assert f'data-text-translation="{row.pk}"' in html
    assert "Forum name" in html


def test_the_edit_translation_link_of_a_page_lists_its_texts_reviewed_ones_too(
    client, translator, english_week
):
    title = text_row(english_week, "title")
    client.force_login(translator)
    save(client, title, "Acceso al capital")

    html = client.get(QUEUE, {"page": english_week.pk}).content.decode()
    pending_only = client.get(QUEUE).content.decode()

    assert f'data-text-translation="{title.pk}"' in html
    assert f'data-text-translation="{title.pk}"' not in pending_only


# ---------------------------------------------------------------------------
# The editor
# ---------------------------------------------------------------------------
def test_the_form_shows_the_original_the_field_and_the_machine_text(
    client, translator, english_week
):
    row = text_row(english_week, "introduction")
    client.force_login(translator)

    response = client.get(edit_url(row))

    html = response.content.decode()
    assert response.status_code == 200
    assert "<b>social finance</b>" in html  # the original, rendered
    assert "Introduction" in html
    assert f'value="{row.source.digest}"' in html
    assert "&lt;p&gt;" in html  # the machine's HTML, to edit


def test_a_translator_saves_a_title_which_the_page_shows_as_reviewed(
    client, translator, english_week
):
    row = text_row(english_week, "title")
    machine = row.text
    client.force_login(translator)

    response = save(client, row, "Acceso al capital solidario")

    assert response.status_code == 302
    row.refresh_from_db()
    assert (row.text, row.reviewed_by, row.status) == (
        "Acceso al capital solidario",
        translator,
        Status.DONE,
    )
    history = list(row.revisions.order_by("created_at", "pk").values_list("kind", "text"))
    assert history == [("machine", machine), ("human", "Acceso al capital solidario")]
    client.force_login(member("es"))
    html = client.get(english_week.url).content.decode()
    assert 'data-version="translation" lang="es">Acceso al capital solidario<' in html
    assert texts_of([english_week], language="es")[0].texts["title"].state == "reviewed"


def test_the_reviewed_text_is_kept_when_the_page_is_published_again_unchanged(
    client, translator, english_week, publish
):
    row = text_row(english_week, "title")
    client.force_login(translator)
    save(client, row, "Acceso al capital solidario")

    publish(english_week)
    translate_due_texts()

    row.refresh_from_db()
    assert row.text == "Acceso al capital solidario"
    assert row.reviewed_by == translator


def test_a_new_original_puts_the_machine_back_and_flags_the_text_for_review(
    client, translator, english_week, publish
):
    row = text_row(english_week, "title")
    client.force_login(translator)
    save(client, row, "Acceso al capital solidario")

    english_week.title = "Access to credit"
    publish(english_week)
    translate_due_texts()

    row.refresh_from_db()
    assert row.reviewed_at is None
    assert row.source_changed_since_review
    assert row.text != "Acceso al capital solidario"
    html = client.get(QUEUE).content.decode()
    assert f'data-text-translation="{row.pk}"' in html
    assert "Source changed since review" in html
    assert row.revisions.filter(kind="human", text="Acceso al capital solidario").exists()


def test_saving_over_an_original_changed_since_the_form_opened_is_refused(
    client, translator, english_week, publish
):
    row = text_row(english_week, "title")
    opened_on = row.source.digest
    english_week.title = "Access to credit"
    publish(english_week)
    client.force_login(translator)

    response = save(client, row, "Acceso al capital", digest=opened_on)

    row.refresh_from_db()
    assert response.status_code == 200
    assert "The original was edited and published while you worked" in response.content.decode()
    assert row.reviewed_at is None
    assert not TextTranslationRevision.objects.filter(kind="human").exists()


def test_rich_text_keeps_only_wagtails_tags_and_a_links_target(client, translator, english_week):
    row = text_row(english_week, "introduction")
    client.force_login(translator)

    save(
        client,
        row,
        '<p onclick="steal()">Leemos sobre <b>finanzas</b> <script>alert(1)</script>'
        '<span style="color:red">en</span> <a href="https://example.org/" class="x" '
        'target="_blank">Quebec</a> y <a linktype="page" id="3">la semana</a>.</p>'
        '<iframe src="https://evil.example/"></iframe>',
    )

    row.refresh_from_db()
    assert row.text == (
        '<p>Leemos sobre <b>finanzas</b> en <a href="https://example.org/">Quebec</a> y '
        '<a linktype="page" id="3">la semana</a>.</p>'
    )


def test_a_plain_text_title_stays_one_line_of_plain_text(client, translator, english_week):
    row = text_row(english_week, "title")
    client.force_login(translator)

    save(client, row, "  Acceso\n al <b>capital</b>  ")

    row.refresh_from_db()
    assert row.text == "Acceso al <b>capital</b>"
    client.force_login(member("es"))
    assert "Acceso al &lt;b&gt;capital&lt;/b&gt;" in client.get(english_week.url).content.decode()


def test_the_editor_answers_json_for_an_inline_editor(client, translator, english_week):
    row = text_row(english_week, "introduction")
    client.force_login(translator)

    loaded = client.get(edit_url(row), **JSON).json()
    saved = save(client, row, "<p>Leemos sobre <b>finanzas solidarias</b>.</p>", **JSON).json()

    assert loaded == {
        "text": row.text,
        "digest": row.source.digest,
        "kind": "html",
        "language": "es",
        "field": "Introduction",
        "original_html": (
            '<p>This week we read about <b>social finance</b> in <a href="https://example.org/">'
            "Quebec</a>.</p>"
        ),
        "original_language": "en",
        "original_heading": "Original in English",
        "help": (
            "HTML, like the original: keep its paragraphs, lists and links. Other tags are "
            "removed when you save."
        ),
    }
    assert saved["html"] == "<p>Leemos sobre <b>finanzas solidarias</b>.</p>"
    assert saved["state"] == "reviewed"
    assert saved["digest"] == row.source.digest


def test_the_json_editor_refuses_a_changed_original_with_the_new_digest(
    client, translator, english_week, publish
):
    row = text_row(english_week, "title")
    opened_on = row.source.digest
    english_week.title = "Access to credit"
    publish(english_week)
    client.force_login(translator)

    response = save(client, row, "Acceso", digest=opened_on, **JSON)

    assert response.status_code == 409
    assert response.json()["digest"] == TextSource.objects.get(pk=row.source_id).digest


def test_an_organizer_edits_the_translation_of_their_courses_forum_name(client, organizer, forum):
    row = TextTranslation.objects.get(
        source__content_type__model="forum",
        source__object_id=forum.pk,
        source__field="name",
        language="fr",
    )
    client.force_login(organizer)

    response = save(client, row, "Semaine un")

    row.refresh_from_db()
    assert response.status_code == 302
    assert (row.text, row.reviewed_by) == ("Semaine un", organizer)


# ---------------------------------------------------------------------------
# Failed translations (organizers' admin)
# ---------------------------------------------------------------------------
def admin_organizer(course):
    user = member("en")
    enroll(course=course, user=user, role=Role.ORGANIZER)
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="change_posttranslation"),
    )
    return user


@pytest.fixture
def failed_title(course, publish):
    week = publish(WeekPageFactory(parent=course, title="Access to capital", language_written="en"))
    row = text_row(week, "title", "fr")
    TextTranslation.objects.filter(pk=row.pk).update(
        status=Status.FAILED, last_error="HTTP 503: engine down"
    )
    return row


def test_an_organizer_sees_failed_page_texts_with_their_error(client, course, failed_title):
    client.force_login(admin_organizer(course))

    html = client.get("/admin/translations/failed/").content.decode()

    assert "HTTP 503: engine down" in html
    assert f'name="text_translation" value="{failed_title.pk}"' in html
    assert "Access to capital" in html


def test_retrying_a_failed_page_text_queues_it_and_the_worker_translates_it(
    client, course, failed_title, django_capture_on_commit_callbacks
):
    client.force_login(admin_organizer(course))

    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(
            "/admin/translations/retry/", {"text_translation": [failed_title.pk]}
        )

    failed_title.refresh_from_db()
    assert response.status_code == 302
    assert failed_title.status == Status.PENDING
    assert callbacks  # the worker is told
    translate_due_texts()
    failed_title.refresh_from_db()
    assert failed_title.status == Status.DONE
    assert "capital" in failed_title.text


def test_an_organizer_of_another_course_neither_sees_nor_retries_a_failed_page_text(
    client, home_page, failed_title
):
    other = admin_organizer(CoursePageFactory(parent=home_page))
    client.force_login(other)

    html = client.get("/admin/translations/failed/").content.decode()
    client.post("/admin/translations/retry/", {"text_translation": [failed_title.pk]})

    failed_title.refresh_from_db()
    assert "Access to capital" not in html
    assert failed_title.status == Status.FAILED


# ---------------------------------------------------------------------------
# From the page
# ---------------------------------------------------------------------------
def test_a_translator_reading_a_translated_page_gets_a_link_to_its_texts(
    client, course, english_week
):
    spanish_translator = member("es")
    enroll(course=course, user=spanish_translator, role=Role.TRANSLATOR)
    client.force_login(spanish_translator)

    html = client.get(english_week.url).content.decode()

    assert f'href="{QUEUE}?kind=pages&amp;page={english_week.pk}"' in html


def test_a_reader_who_may_not_translate_gets_no_such_link(client, course, english_week):
    reader = member("es")
    enroll(course=course, user=reader, role=Role.PARTICIPANT)
    client.force_login(reader)

    html = client.get(english_week.url).content.decode()

    assert "translation-edit" not in html
    assert 'data-version="translation"' in html  # the page is translated for them


def test_the_week_filter_lists_only_that_weeks_texts(client, translator, english_week, publish):
    other_week = publish(WeekPageFactory(parent=english_week.get_parent(), title="Markets"))
    translate_due_texts()
    client.force_login(translator)

    html = client.get(
        QUEUE, {"kind": "pages", "week": english_week.week_forum.forum_id}
    ).content.decode()

    assert f'data-text-translation="{text_row(english_week, "title").pk}"' in html
    assert f'data-text-translation="{text_row(other_week, "title").pk}"' not in html


def test_posts_and_page_texts_are_listed_together_newest_first(
    client, translator, english_week, post
):
    title, introduction = text_row(english_week, "title"), text_row(english_week, "introduction")
    post_row = PostTranslation.objects.get(post=post, language="en")
    now = timezone.now()
    for model, pk, days in [
        (TextTranslation, title.pk, 1),
        (PostTranslation, post_row.pk, 2),
        (TextTranslation, introduction.pk, 3),
    ]:
        model.objects.filter(pk=pk).update(translated_at=now - timedelta(days=days))
    client.force_login(translator)

    html = client.get(QUEUE).content.decode()

    positions = [
        html.index(f'data-text-translation="{title.pk}"'),
        html.index(f'data-translation="{post_row.pk}"'),
        html.index(f'data-text-translation="{introduction.pk}"'),
    ]
    assert positions == sorted(positions)


# ---------------------------------------------------------------------------
# In place, on the page: an "Edit" control beside each translated text
# ---------------------------------------------------------------------------
class Links(HTMLParser):
    """Every link of a page, and whether one was opened inside another."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.nested = False

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.nested = self.nested or self.depth > 0
            self.depth += 1

    def handle_endtag(self, tag):
        if tag == "a":
            self.depth = max(0, self.depth - 1)


def has_nested_links(html: str) -> bool:
    links = Links()
    links.feed(html)
    return links.nested


def control_name(page, field: str, language: str) -> str:
    with override(language):
        return conditional_escape(
            f"{gettext('Edit translation: %(text)s') % {'text': field_label(page, field)}}"
        )


@pytest.fixture
def spanish_translator(course):
    """A translator who reads the course in Spanish (its English texts come translated)."""
    user = member("es")
    enroll(course=course, user=user, role=Role.TRANSLATOR)
    return user


@pytest.fixture
def week_with_readings(course, publish):
    week = publish(
        WeekPageFactory(
            parent=course,
            title="Access to capital",
            theme="How cooperatives find money",
            introduction="<p>This week we read about <b>social finance</b>.</p>",
            language_written="en",
            readings=[
                (
                    "link",
                    {
                        "title": "The social economy",
                        "url": "https://example.org/",
                        "language": "en",
                    },
                ),
                (
                    "excerpt",
                    {
                        "title": "Cooperatives and credit",
                        "excerpt": "<p>Cooperatives need credit.</p>",
                        "source": "Report 2008",
                        "language": "en",
                    },
                ),
            ],
        )
    )
    CaseStudyPageFactory(parent=week, title="Le Chantier", language="fr")
    publish(week.get_children().get().specific)
    translate_due_texts()
    return week


def week_texts(week) -> dict[str, TextTranslation]:
    """Every Spanish translation of the week's texts, by field."""
    return {
        row.source.field: row
        for row in TextTranslation.objects.filter(
            source__content_type=ContentType.objects.get_for_model(week),
            source__object_id=week.pk,
            language="es",
        ).select_related("source")
    }


def test_a_translator_gets_an_edit_control_beside_every_translated_text_of_a_week(
    client, spanish_translator, week_with_readings
):
    rows = week_texts(week_with_readings)
    client.force_login(spanish_translator)

    html = client.get(week_with_readings.url).content.decode()

    # title, theme, introduction, two questions, two readings' titles and an excerpt
    assert len(rows) == 8
    next_query = urlencode({"next": week_with_readings.url})
    for field, row in rows.items():
        assert f'data-text-translation="{row.pk}"' in html, field
        assert f'data-text-edit="{row.pk}"' in html, field
        assert f'href="{edit_url(row)}?{next_query}"' in html, field
        assert f'aria-label="{control_name(week_with_readings, field, "es")}"' in html, field
    assert 'id="text-translation-editor"' in html  # the inline editor's template
    assert 'data-texts-of="courses.weekpage:' in html  # the label the editor updates


def test_the_texts_of_a_case_study_listed_on_the_week_are_editable_too(
    client, spanish_translator, week_with_readings
):
    case_study = week_with_readings.get_children().get().specific
    title = text_row(case_study, "title")
    client.force_login(spanish_translator)

    html = client.get(week_with_readings.url).content.decode()

    assert f'data-text-edit="{title.pk}"' in html
    assert f'data-text-edit="{text_row(case_study, "abstract").pk}"' in html


def test_no_edit_control_sits_inside_a_link(client, spanish_translator, week_with_readings):
    client.force_login(spanish_translator)

    html = client.get(week_with_readings.url).content.decode()

    assert "data-text-edit=" in html
    assert not has_nested_links(html)


@pytest.mark.parametrize("reader", ["participant", "visitor", "translator_of_another_course"])
def test_participants_visitors_and_outsiders_get_no_edit_control_nor_marked_text(
    client, course, home_page, week_with_readings, reader
):
    if reader == "participant":
        user = member("es")
        enroll(course=course, user=user, role=Role.PARTICIPANT)
        client.force_login(user)
    elif reader == "translator_of_another_course":
        user = member("es")
        enroll(course=CoursePageFactory(parent=home_page), user=user, role=Role.TRANSLATOR)
        client.force_login(user)
    else:
        client.cookies.load({settings.LANGUAGE_COOKIE_NAME: "es"})

    html = client.get(week_with_readings.url).content.decode()

    assert 'data-version="translation" lang="es"' in html  # the page is translated for them
    assert "data-text-translation=" not in html
    assert "data-text-edit=" not in html
    assert "text-translation-editor" not in html


def test_a_case_study_page_offers_every_translated_field(client, week_with_readings, home_page):
    case_study = week_with_readings.get_children().get().specific
    english_reader = member("en")  # reads only English: the French case study is translated
    enroll(
        course=week_with_readings.get_parent().specific, user=english_reader, role=Role.TRANSLATOR
    )
    client.force_login(english_reader)

    html = client.get(case_study.url).content.decode()

    for field in ("title", "region", "abstract", "body"):
        row = text_row(case_study, field, "en")
        assert f'data-text-edit="{row.pk}"' in html, field
    assert 'aria-label="Edit translation: Title"' in html
    assert 'aria-label="Edit translation: Region or country"' in html


def test_a_course_page_offers_its_own_texts_and_its_weeks_titles(
    client, spanish_translator, course, week_with_readings, publish
):
    course = publish(course)
    translate_due_texts()
    client.force_login(spanish_translator)

    html = client.get(course.url).content.decode()

    assert f'data-text-edit="{text_row(week_with_readings, "title").pk}"' in html
    assert not has_nested_links(html)


def test_a_translator_edits_a_forum_name_on_the_forum_page(client, spanish_translator, forum):
    source = TextSource.objects.get(content_type__model="forum", object_id=forum.pk, field="name")
    source.translations.update(
        status=Status.DONE, text="Semana", source_language="en", translated_at=source.updated_at
    )
    row = source.translations.get(language="es")
    client.force_login(spanish_translator)

    html = client.get(
        reverse("forum:forum", kwargs={"slug": forum.slug, "pk": forum.pk})
    ).content.decode()

    assert f'data-text-translation="{row.pk}"' in html
    assert f'data-text-edit="{row.pk}"' in html
    assert 'id="text-translation-editor"' in html


def test_without_javascript_the_control_opens_the_form_which_comes_back_to_the_page(
    client, spanish_translator, week_with_readings
):
    row = week_texts(week_with_readings)["title"]
    client.force_login(spanish_translator)
    html = client.get(week_with_readings.url).content.decode()
    control = f"{edit_url(row)}?{urlencode({'next': week_with_readings.url})}"
    assert f'href="{control}"' in html

    form = client.get(control).content.decode()
    saved = client.post(
        control,
        {"text": "Acceso al capital", "digest": row.source.digest, "next": week_with_readings.url},
    )

    assert f'name="next" value="{week_with_readings.url}"' in form
    assert saved.status_code == 302
    assert saved.url == week_with_readings.url


def test_the_json_answer_renders_a_saved_title_inline_and_escaped(
    client, spanish_translator, week_with_readings
):
    row = week_texts(week_with_readings)["title"]
    client.force_login(spanish_translator)

    saved = save(client, row, "Acceso al <b>capital</b> & <script>x()</script>", **JSON).json()

    assert saved["inline_html"] == (
        "Acceso al &lt;b&gt;capital&lt;/b&gt; &amp; &lt;script&gt;x()&lt;/script&gt;"
    )
    assert "<script>" not in saved["html"]
    assert saved["label_state"] in ("machine", "reviewed")


def test_the_json_answer_renders_saved_rich_text_sanitised(
    client, spanish_translator, week_with_readings
):
    row = week_texts(week_with_readings)["introduction"]
    client.force_login(spanish_translator)

    saved = save(
        client,
        row,
        '<p onclick="steal()">Leemos <script>alert(1)</script><b>finanzas</b>'
        '<img src="x" onerror="steal()"></p>',
        **JSON,
    ).json()

    assert saved["html"] == "<p>Leemos <b>finanzas</b></p>"
    assert saved["inline_html"] == saved["html"]


def test_the_json_refusal_of_a_changed_original_shows_the_new_original(
    client, spanish_translator, week_with_readings, publish
):
    row = week_texts(week_with_readings)["theme"]
    opened_on = row.source.digest
    week_with_readings.theme = "How cooperatives borrow"
    publish(week_with_readings)
    client.force_login(spanish_translator)

    refused = save(client, row, "Cómo", digest=opened_on, **JSON)

    assert refused.status_code == 409
    assert refused.json()["original_html"] == "<p>How cooperatives borrow</p>"


def test_a_reviewed_texts_control_says_so_and_the_page_label_once_all_are(
    client, spanish_translator, week_with_readings
):
    rows = week_texts(week_with_readings)
    client.force_login(spanish_translator)
    save(client, rows["title"], "Acceso al capital")

    one = client.get(week_with_readings.url).content.decode()
    for row in rows.values():
        save(client, row, f"Revisado {row.pk}")
    every = client.get(week_with_readings.url).content.decode()

    with override("es"):
        reviewed = conditional_escape(
            gettext("Edit translation: %(text)s (reviewed by a translator)")
            % {"text": field_label(week_with_readings, "title")}
        )
    title_control = f'class="text-edit text-edit--reviewed" href="{edit_url(rows["title"])}?'
    assert title_control in one
    assert f'aria-label="{reviewed}"' in one
    assert f'class="text-edit" href="{edit_url(rows["theme"])}?' in one  # still the machine's
    assert (
        "translation-label--reviewed" not in one.split('id="week-title"')[1].split("</header>")[0]
    )
    assert "translation-label--reviewed" in every
