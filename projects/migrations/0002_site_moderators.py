"""Projects are moderated by the site's moderators: whoever held the permission
`moderate_projects` (directly or through a group) joins their group, and the permission goes."""

from django.db import migrations
from django.db.models import Q

GROUP = "site-moderators"


def join_the_site_moderators(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    User = apps.get_model("auth", "User")
    Group = apps.get_model("auth", "Group")
    permission = Permission.objects.filter(
        content_type__app_label="projects", codename="moderate_projects"
    ).first()
    if permission is None:
        return
    holders = User.objects.filter(
        Q(user_permissions=permission) | Q(groups__permissions=permission)
    ).distinct()
    if holders.exists():
        group, _created = Group.objects.get_or_create(name=GROUP)
        group.user_set.add(*holders)
    permission.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("members", "0003_site_moderators"),
        ("projects", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(join_the_site_moderators, migrations.RunPython.noop),
        migrations.AlterModelOptions(
            name="project",
            options={
                "ordering": ["-created_at", "-pk"],
                "verbose_name": "project",
                "verbose_name_plural": "projects",
            },
        ),
    ]
