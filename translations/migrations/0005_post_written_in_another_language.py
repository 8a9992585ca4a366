"""A post may be written in none of the site's languages ("other": shown, never translated)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("translations", "0004_post_translation_glossary"),
    ]

    operations = [
        migrations.AlterField(
            model_name="postlanguage",
            name="language",
            field=models.CharField(
                choices=[
                    ("es", "Spanish"),
                    ("fr", "French"),
                    ("en", "English"),
                    ("other", "Another language"),
                ],
                max_length=5,
                verbose_name="language",
            ),
        ),
    ]
