"""Profiles move here from the courses app: same table, now owned by the members app."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def move_content_type(apps, schema_editor):
    """Permissions on profiles follow the model to its new app."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label="members", model="profile").exists():
        ContentType.objects.filter(app_label="courses", model="profile").update(
            app_label="members"
        )


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("contenttypes", "0002_remove_content_type_name"),
        # The table was created there (courses_profile) and keeps its name.
        ("courses", "0001_profile"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Profile",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("display_name", models.CharField(blank=True, max_length=120, verbose_name="display name")),
                        ("preferred_language", models.CharField(choices=[("es", "Spanish"), ("fr", "French"), ("en", "English")], default="en", max_length=2, verbose_name="preferred language")),
                        ("reads_languages", models.JSONField(blank=True, default=list, verbose_name="languages I read")),
                        ("organisation", models.CharField(blank=True, max_length=200, verbose_name="organisation")),
                        ("region", models.CharField(blank=True, max_length=120, verbose_name="region or country")),
                        ("keep_posts_offline", models.BooleanField(default=False, help_text="Only the offline engine or a human translator will handle your posts.", verbose_name="never send my posts to an online translation service")),
                        ("user", models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name="puentes_profile", to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        "verbose_name": "profile",
                        "verbose_name_plural": "profiles",
                        "db_table": "courses_profile",
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_type, migrations.RunPython.noop),
    ]
