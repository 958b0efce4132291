"""The admin screens of social learning: for center staff, not for learners."""

import pytest
from django.contrib.auth.models import Group, Permission

from lms.community.roles import community_permissions_grant

from ..factories import UserFactory

pytestmark = pytest.mark.django_db

SCREENS = [
    "/admin/community_cohorts/",
    "/admin/community_cohort_settings/",
    "/admin/community_cohort_lessons/",
    "/admin/community_peer_review/",
    "/admin/community_mentors/",
    "/admin/community_bans/",
    "/admin/community_groups/",
]


def test_staff_get_the_community_models_after_migrate():
    community_permissions_grant()
    staff = Group.objects.get(name="Staff")
    granted = set(
        staff.permissions.filter(content_type__app_label="community").values_list(
            "codename", flat=True
        )
    )
    assert {"add_cohort", "change_peerreviewsettings", "view_moderationlog"} <= granted
    assert Permission.objects.filter(codename="add_mentorprofile").exists()


@pytest.mark.parametrize("url", SCREENS)
def test_center_staff_open_the_screens_and_learners_do_not(client, url):
    community_permissions_grant()
    staff = UserFactory(is_staff=True)
    staff.groups.add(Group.objects.get(name="Staff"))
    staff.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(staff)
    assert client.get(url).status_code == 200
    assert client.get(url + "new/").status_code == 200
    client.force_login(UserFactory())
    response = client.get(url)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
