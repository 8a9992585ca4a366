"""The communities' moderators become the site's moderators (one role: communities,
projects, hidden profiles). Their group keeps its grants; only its name changes."""

from django.db import migrations

OLD, NEW = "community-moderators", "site-moderators"


def rename(apps, schema_editor, old=OLD, new=NEW):
    Group = apps.get_model("auth", "Group")
    former = Group.objects.filter(name=old).first()
    if former is None:
        return
    current = Group.objects.filter(name=new).first()
    if current is None:
        former.name = new
        former.save(update_fields=["name"])
        return
    current.user_set.add(*former.user_set.all())
    current.permissions.add(*former.permissions.all())
    former.delete()


def rename_back(apps, schema_editor):
    rename(apps, schema_editor, old=NEW, new=OLD)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("members", "0002_profile_directory"),
    ]

    operations = [migrations.RunPython(rename, rename_back)]
