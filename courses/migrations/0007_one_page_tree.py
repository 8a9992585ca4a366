"""One tree of pages: wagtail-localize's copies of pages in other languages are deleted.

A page is now one page in every language (its texts are translated field by field beside
it), so a site made before loses the copies that wagtail-localize made of its pages, home
pages included: every page whose translation key it shares with a page of lower id (the
source, which `0005_one_course_identity` already made the one identity of a course).

Before the copies go, what pointed at them points at their source: enrollments (course and
assigned week), applications, communities, glossary terms, the forum mirror (course
category, week forum, question topics, questions to key respondents), sites, redirects and
aliases. A page written directly under a copy (not itself a copy) is moved under that
copy's source, with its subtree, rather than lost. Page permissions on copies are not
carried over: a group allowed to edit the Spanish copy of the home page must not become
editor of the whole site (each course's own groups hold their rights on its pages).
Then the copies' revisions, workflow states and reference index rows go with them,
treebeard's child counts are recounted, and every page moves to the default locale.

wagtail-localize's tables are dropped (its app is gone, so Django no longer knows them,
and their foreign keys to pages, revisions, locales and users would refuse those rows'
deletion), and its migrations are forgotten. Its content types and permissions are left to
Django's `remove_stale_contenttypes`. Nothing is restored when unapplied.
"""

from django.conf import settings
from django.core.cache import cache
from django.db import migrations
from django.db.migrations.recorder import MigrationRecorder

STEPLEN = 4  # treebeard's materialised path, as Wagtail's Page sets it
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
LOCALIZE_TABLES = "wagtail_localize_"
LOCALIZE_APPS = ["wagtail_localize", "wagtaillocales"]
SITE_ROOT_PATHS_CACHE_KEY = "wagtail_site_root_paths"  # wagtail.models.sites


def drop_localize_tables(schema_editor) -> None:
    """Drop wagtail-localize's tables that exist, those referring to others first."""
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        tables = {
            name
            for name in connection.introspection.table_names(cursor)
            if name.startswith(LOCALIZE_TABLES)
        }
        references = {
            table: {
                other
                for _field, (_other_field, other) in connection.introspection.get_relations(
                    cursor, table
                ).items()
                if other in tables and other != table
            }
            for table in tables
        }
    cascade = " CASCADE" if connection.vendor == "postgresql" else ""
    while tables:
        referred = set().union(*(references[table] for table in tables))
        free = sorted(tables - referred) or sorted(tables)  # a cycle: CASCADE or FK checks off
        for table in free:
            schema_editor.execute(f"DROP TABLE {schema_editor.quote_name(table)}{cascade}")
        tables -= set(free)
    MigrationRecorder(connection).migration_qs.filter(app__in=LOCALIZE_APPS).delete()


class Tree:
    """Every page's place (id → path, depth, slug, url path), read again after each move."""

    def __init__(self, Page):
        self.Page = Page
        self.reload()

    def reload(self) -> None:
        rows = self.Page.objects.order_by("path").values_list(
            "pk", "path", "slug", "url_path", "translation_key"
        )
        self.path, self.slug, self.url_path, self.key = {}, {}, {}, {}
        for pk, path, slug, url_path, key in rows:
            self.path[pk] = path
            self.slug[pk] = slug
            self.url_path[pk] = url_path
            self.key[pk] = key
        self.at = {path: pk for pk, path in self.path.items()}

    def parent(self, pk: int) -> int | None:
        return self.at.get(self.path[pk][:-STEPLEN])

    def ancestors(self, pk: int) -> list[int]:
        path = self.path[pk]
        return [self.at[path[:end]] for end in range(STEPLEN, len(path) + 1, STEPLEN)]

    def children(self, pk: int) -> list[int]:
        path = self.path[pk]
        return [
            child
            for child, child_path in self.path.items()
            if child_path.startswith(path) and len(child_path) == len(path) + STEPLEN
        ]

    def subtree(self, pk: int) -> list[int]:
        path = self.path[pk]
        return [other for other, other_path in self.path.items() if other_path.startswith(path)]


def next_step(step: str) -> str:
    number = 0
    for character in step:
        number = number * len(ALPHABET) + ALPHABET.index(character)
    number += 1
    digits = ""
    while number:
        number, digit = divmod(number, len(ALPHABET))
        digits = ALPHABET[digit] + digits
    if len(digits) > STEPLEN:
        raise RuntimeError("No room left for another child page")
    return digits.rjust(STEPLEN, "0")


def move_under(tree: Tree, pk: int, parent: int) -> None:
    """Move a page and its subtree to be the last child of `parent` (treebeard's paths)."""
    Page = tree.Page
    siblings = tree.children(parent)
    last = max((tree.path[sibling] for sibling in siblings), default=None)
    new_path = tree.path[parent] + (next_step(last[-STEPLEN:]) if last else "1".rjust(STEPLEN, "0"))
    taken = {tree.slug[sibling] for sibling in siblings}
    slug, number = tree.slug[pk], 1
    while slug in taken:
        number += 1
        slug = f"{tree.slug[pk]}-{number}"
    old_path, old_url = tree.path[pk], tree.url_path[pk] or ""
    new_url = f"{tree.url_path[parent] or '/'}{slug}/"
    for page in tree.subtree(pk):
        path = new_path + tree.path[page][len(old_path) :]
        url_path = tree.url_path[page] or ""
        if url_path.startswith(old_url):
            url_path = new_url + url_path[len(old_url) :]
        Page.objects.filter(pk=page).update(
            path=path, depth=len(path) // STEPLEN, url_path=url_path
        )
    Page.objects.filter(pk=pk).update(slug=slug)
    tree.reload()


def keep_pages_written_under_copies(tree: Tree, copies: dict[int, int]) -> None:
    """A page that is no copy but sits under one moves under the copy's source."""

    def settled(pk: int) -> bool:
        return not any(ancestor in copies for ancestor in tree.ancestors(pk))

    while True:
        orphans = sorted(
            (pk for pk in tree.path if pk not in copies and tree.parent(pk) in copies),
            key=lambda pk: len(tree.path[pk]),
        )
        if not orphans:
            return
        for pk in orphans:
            target = copies[tree.parent(pk)]
            if settled(target) and not tree.path[target].startswith(tree.path[pk]):
                move_under(tree, pk, target)
                break
        else:
            pk = orphans[0]
            nearest = next(a for a in reversed(tree.ancestors(pk)[:-1]) if settled(a))
            move_under(tree, pk, nearest)


def point_at_sources(apps, copies: dict[int, int], Page) -> None:
    """Rows that name a copy name its source; a row the source already has is dropped."""
    models = [
        # (app, model, field, fields unique with it)
        ("courses", "Enrollment", "course", ("user_id", "role")),
        ("courses", "Enrollment", "week", None),
        ("courses", "Application", "course", ("user_id",)),
        ("cohort_forum", "CommunityOfPractice", "course", None),
        ("cohort_forum", "CourseCategory", "course", ()),
        ("cohort_forum", "WeekForum", "week", ()),
        ("cohort_forum", "QuestionTopic", "week", ("block_id",)),
        ("cohort_forum", "KeyRespondentQuestion", "week", None),
        ("translations", "GlossaryTerm", "course", None),
        ("wagtailcore", "Site", "root_page", None),
        ("wagtailredirects", "Redirect", "redirect_page", None),
        ("wagtailcore", "Page", "alias_of", None),
    ]
    WeekForum = apps.get_model("cohort_forum", "WeekForum")
    forums_of_copies = list(WeekForum.objects.filter(week_id__in=list(copies)).values("pk"))
    for app_label, model_name, field, unique in models:
        Model = apps.get_model(app_label, model_name)
        column = f"{field}_id"
        for row in Model.objects.filter(**{f"{column}__in": list(copies)}):
            source = copies[getattr(row, column)]
            if unique is not None:
                twin = Model.objects.filter(
                    **{column: source}, **{name: getattr(row, name) for name in unique}
                )
                if twin.exists():
                    continue  # the source has its own: this one goes with the copy
            Model.objects.filter(pk=row.pk).update(**{column: source})
    # A week's forum is open while its week is live: now the source week, maybe a draft.
    drafts = Page.objects.filter(pk__in=set(copies.values()), live=False).values("pk")
    WeekForum.objects.filter(
        pk__in=[row["pk"] for row in forums_of_copies], week_id__in=drafts
    ).update(hidden=True)


def delete_pages(apps, pks: set[int]) -> None:
    """Delete pages through their own models (Page's rows go with them), then their records."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    by_type: dict[int, list[int]] = {}
    for pk, content_type_id in Page.objects.filter(pk__in=pks).values_list("pk", "content_type"):
        by_type.setdefault(content_type_id, []).append(pk)
    for content_type_id, ids in by_type.items():
        content_type = ContentType.objects.get(pk=content_type_id)
        Model = apps.get_model(content_type.app_label, content_type.model)
        Model.objects.filter(pk__in=ids).delete()
    page_types = list(by_type) + list(
        ContentType.objects.filter(app_label="wagtailcore", model="page").values_list(
            "pk", flat=True
        )
    )
    object_ids = [str(pk) for pk in pks]
    for model_name in ("WorkflowState", "Revision"):
        apps.get_model("wagtailcore", model_name).objects.filter(
            base_content_type__in=page_types, object_id__in=object_ids
        ).delete()
    ReferenceIndex = apps.get_model("wagtailcore", "ReferenceIndex")
    ReferenceIndex.objects.filter(
        base_content_type__in=page_types, object_id__in=object_ids
    ).delete()
    ReferenceIndex.objects.filter(
        to_content_type__in=page_types, to_object_id__in=object_ids
    ).delete()


def recount_children(Page) -> None:
    paths = dict(Page.objects.values_list("path", "numchild"))
    counts = dict.fromkeys(paths, 0)
    for path in paths:
        if path[:-STEPLEN] in counts:
            counts[path[:-STEPLEN]] += 1
    for path, count in counts.items():
        if paths[path] != count:
            Page.objects.filter(path=path).update(numchild=count)


def one_page_tree(apps, schema_editor) -> None:
    drop_localize_tables(schema_editor)
    Page = apps.get_model("wagtailcore", "Page")
    tree = Tree(Page)
    sources: dict[object, int] = {}
    for pk in sorted(tree.path):
        sources.setdefault(tree.key[pk], pk)
    copies = {pk: sources[tree.key[pk]] for pk in tree.path if sources[tree.key[pk]] != pk}
    if copies:
        keep_pages_written_under_copies(tree, copies)
        point_at_sources(apps, copies, Page)
        doomed = {page for copy in copies for page in tree.subtree(copy)}
        delete_pages(apps, doomed)
        recount_children(Page)
    Locale = apps.get_model("wagtailcore", "Locale")
    default, _created = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    Page.objects.exclude(locale=default).update(locale=default)
    cache.delete(SITE_ROOT_PATHS_CACHE_KEY)


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0006_page_languages"),
        ("cms", "0002_create_homepage_and_locales"),
        ("cohort_forum", "0002_questions_and_communities"),
        ("translations", "0005_post_written_in_another_language"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(one_page_tree, migrations.RunPython.noop)]
