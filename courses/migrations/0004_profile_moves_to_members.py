"""Profiles now belong to the members app (members.0001 takes the same table over)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0003_applications_public_forum_after_course"),
        ("members", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="Profile")],
            database_operations=[],
        ),
    ]
