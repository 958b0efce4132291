"""Center staff run the site; learners do not reach the admin."""

import pytest
from django.contrib.auth.models import Group

from cms.roles import roles_permissions_grant
from lms.accounts.models import Role

from ..factories import UserFactory

pytestmark = pytest.mark.django_db


def test_staff_may_edit_and_publish_every_page_and_manage_runs(site_pages):
    roles_permissions_grant()
    staff = UserFactory()
    staff.groups.add(Group.objects.get(name=Role.STAFF.value))
    town = site_pages.get_children().get(slug="town")
    permissions = town.permissions_for_user(staff)
    assert permissions.can_edit()
    assert permissions.can_publish()
    assert staff.has_perm("learning.change_courserun")
    assert staff.has_perm("courses.add_libraryresource")


def test_learners_have_no_page_rights(site_pages):
    roles_permissions_grant()
    learner = UserFactory()
    learner.groups.add(Group.objects.get(name=Role.LEARNER.value))
    assert not site_pages.permissions_for_user(learner).can_edit()
    assert not learner.has_perm("wagtailadmin.access_admin")


def test_granting_twice_adds_nothing(site_pages):
    from wagtail.models import GroupPagePermission

    roles_permissions_grant()
    count = GroupPagePermission.objects.count()
    roles_permissions_grant()
    assert GroupPagePermission.objects.count() == count
