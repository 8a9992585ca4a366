"""The glossary that applies to a post's translations is recorded on the request.

Before, the pipeline asked the forum app (through a callback) which course a post was in.
Existing rows get the id of their post's course: its category's forum or a forum under it.
"""

from django.db import migrations, models


def record_glossaries(apps, schema_editor):
    CourseCategory = apps.get_model("cohort_forum", "CourseCategory")
    Forum = apps.get_model("forum", "Forum")
    PostTranslation = apps.get_model("translations", "PostTranslation")
    for category in CourseCategory.objects.all():
        root = Forum.objects.filter(pk=category.forum_id).first()
        if root is None:
            continue
        forum_ids = Forum.objects.filter(
            tree_id=root.tree_id, lft__gte=root.lft, rght__lte=root.rght
        ).values_list("pk", flat=True)
        PostTranslation.objects.filter(post__topic__forum_id__in=list(forum_ids)).update(
            glossary=category.course_id
        )


class Migration(migrations.Migration):
    dependencies = [
        ("translations", "0003_translation_queue"),
        ("cohort_forum", "0002_questions_and_communities"),
        ("courses", "0005_one_course_identity"),
    ]

    operations = [
        migrations.AddField(
            model_name="posttranslation",
            name="glossary",
            field=models.PositiveBigIntegerField(blank=True, null=True),
        ),
        migrations.RunPython(record_glossaries, migrations.RunPython.noop),
    ]
