"""One course identity: every row that names a course names its source page.

Before, an applicant accepted through a translated copy of a course page was enrolled in
that copy, communities and glossary terms could name a copy, and the course's page-rights
groups, review workflow and task were named after its translation key. Now all of them name
the source page: the first page of the translation key (`courses.identity`).
"""

from django.db import migrations
from django.db.models import Min


def sources(CoursePage):
    """{page id: source page id} for every copy, and {translation key: source id}."""
    firsts = dict(
        CoursePage.objects.order_by()
        .values("translation_key")
        .annotate(first=Min("pk"))
        .values_list("translation_key", "first")
    )
    copies = {
        pk: firsts[key]
        for pk, key in CoursePage.objects.values_list("pk", "translation_key")
        if firsts[key] != pk
    }
    return copies, firsts


def to_source_pages(apps, schema_editor):
    CoursePage = apps.get_model("courses", "CoursePage")
    copies, firsts = sources(CoursePage)
    unique_by = {
        ("courses", "Enrollment"): ("user_id", "role"),
        ("courses", "Application"): ("user_id",),
        ("cohort_forum", "CommunityOfPractice"): None,
        ("translations", "GlossaryTerm"): None,
    }
    for (app_label, model_name), unique in unique_by.items():
        Model = apps.get_model(app_label, model_name)
        for row in Model.objects.filter(course_id__in=list(copies)):
            source_id = copies[row.course_id]
            if unique is not None:
                twin = Model.objects.filter(
                    course_id=source_id, **{field: getattr(row, field) for field in unique}
                )
                if twin.exists():
                    row.delete()  # the same place already exists in the course
                    continue
            Model.objects.filter(pk=row.pk).update(course_id=source_id)
    Group = apps.get_model("auth", "Group")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    named = [Group, apps.get_model("wagtailcore", "Workflow"), apps.get_model("wagtailcore", "Task")]
    for key, source_id in firsts.items():
        for Model in named:
            for row in Model.objects.filter(name__endswith=f" ({key})"):
                name = row.name[: -len(f" ({key})")] + f" (course {source_id})"
                existing = Model.objects.filter(name=name).first()
                if existing is None:
                    Model.objects.filter(pk=row.pk).update(name=name)
                elif Model is Group:
                    # Already made under the new name: one group keeps the members and rights.
                    existing.user_set.add(*row.user_set.all())
                    GroupPagePermission.objects.filter(group=row).exclude(
                        page__in=GroupPagePermission.objects.filter(group=existing).values("page")
                    ).update(group=existing)
                    row.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0004_profile_moves_to_members"),
        ("cohort_forum", "0002_questions_and_communities"),
        ("translations", "0003_translation_queue"),
        ("wagtailcore", "0001_initial"),
        ("auth", "0001_initial"),
    ]

    operations = [migrations.RunPython(to_source_pages, migrations.RunPython.noop)]
