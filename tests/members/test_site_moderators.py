"""One role moderates the network beyond a course: the group "site-moderators" (and
superusers) approves communities, hides projects and opens hidden profiles; the admin's
is_staff alone does none of it. Sites that had the two former notions keep their people."""

from __future__ import annotations

from importlib import import_module

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType

from communities import rights as community_rights
from directory.visibility import is_site_staff
from members.moderators import (
    SITE_MODERATORS_GROUP,
    is_site_moderator,
    site_moderators,
    site_moderators_group,
)
from projects import rights as project_rights
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ROLE_CHECKS = [community_rights.may_moderate, project_rights.may_moderate, is_site_staff]


@pytest.mark.parametrize("check", ROLE_CHECKS)
def test_the_group_and_superusers_hold_the_role_everywhere(check):
    moderator = UserFactory(username="mod")
    moderator.groups.add(site_moderators_group())
    root = UserFactory(username="root", is_superuser=True)
    clerk = UserFactory(username="clerk", is_staff=True)
    gone = UserFactory(username="gone", is_active=False)
    gone.groups.add(site_moderators_group())

    assert check(moderator)
    assert check(root)
    assert not check(clerk)
    assert not check(gone)
    assert not check(UserFactory(username="plain"))


def test_site_moderators_lists_active_holders_once():
    group = site_moderators_group()
    moderator = UserFactory(username="mod")
    moderator.groups.add(group, Group.objects.create(name="other"))
    root = UserFactory(username="root", is_superuser=True)
    root.groups.add(group)
    UserFactory(username="gone", is_active=False).groups.add(group)

    assert sorted(site_moderators().values_list("username", flat=True)) == ["mod", "root"]
    assert is_site_moderator(moderator)


def test_the_former_communities_group_is_renamed_and_merged():
    rename = import_module("members.migrations.0003_site_moderators").rename
    old = Group.objects.create(name="community-moderators")
    ana = UserFactory(username="ana")
    old.user_set.add(ana)

    rename(apps, None)

    assert not Group.objects.filter(name="community-moderators").exists()
    assert list(Group.objects.get(name=SITE_MODERATORS_GROUP).user_set.all()) == [ana]

    again = Group.objects.create(name="community-moderators")
    ben = UserFactory(username="ben")
    again.user_set.add(ben)
    rename(apps, None)
    assert set(Group.objects.get(name=SITE_MODERATORS_GROUP).user_set.all()) == {ana, ben}


def test_former_project_moderators_join_the_role_and_the_permission_goes():
    join = import_module("projects.migrations.0002_site_moderators").join_the_site_moderators
    permission = Permission.objects.create(
        content_type=ContentType.objects.get(app_label="projects", model="project"),
        codename="moderate_projects",
        name="Can hide and unhide any project",
    )
    direct = UserFactory(username="direct")
    direct.user_permissions.add(permission)
    through = UserFactory(username="through")
    editors = Group.objects.create(name="editors")
    editors.permissions.add(permission)
    through.groups.add(editors)
    UserFactory(username="plain")

    join(apps, None)

    assert not Permission.objects.filter(codename="moderate_projects").exists()
    names = Group.objects.get(name=SITE_MODERATORS_GROUP).user_set.values_list(
        "username", flat=True
    )
    assert sorted(names) == ["direct", "through"]
