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


# --- the admin's forms write through the services ------------------------------


@pytest.fixture
def admin_staff(client):
    community_permissions_grant()
    staff = UserFactory(is_staff=True)
    staff.groups.add(Group.objects.get(name="Staff"))
    staff.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(staff)
    return staff


def test_the_cohort_form_refuses_a_name_taken_in_the_run(client, admin_staff, run):
    from lms.community.models import Cohort
    from lms.community.services import cohort_create

    cohort_create(run=run, name="1조", actor=None)
    response = client.post(
        "/admin/community_cohorts/new/",
        {"run": run.pk, "name": "  1조 ", "description": ""},
    )
    assert response.status_code == 200
    assert response.context["form"].errors  # on the name or the whole form
    assert Cohort.objects.filter(run=run).count() == 1
    response = client.post(
        "/admin/community_cohorts/new/",
        {"run": run.pk, "name": "  2조   ", "description": " 오후반 "},
    )
    assert response.status_code == 302
    added = Cohort.objects.get(name="2조")  # trimmed by the service
    assert (added.description, added.created_by) == ("오후반", admin_staff)
    response = client.post(
        f"/admin/community_cohorts/edit/{added.pk}/",
        {"run": run.pk, "name": "1조", "description": ""},
    )
    assert response.status_code == 200
    assert Cohort.objects.get(pk=added.pk).name == "2조"


def test_the_ban_form_spares_moderators_and_logs_a_ban(
    client, admin_staff, forum, learner, instructor
):
    import datetime as dt

    from django.utils import timezone

    from lms.community.models import ForumBan, ModerationLog

    until = (timezone.localtime() + dt.timedelta(days=3)).strftime("%Y-%m-%d %H:%M")
    data = {"forum": forum.pk, "user": instructor.pk, "reason": "x", "until": until}
    response = client.post("/admin/community_bans/new/", data)
    assert response.status_code == 200  # the form again, not a ban
    assert not ForumBan.objects.exists()
    response = client.post(
        "/admin/community_bans/new/", {**data, "user": learner.pk, "reason": "광고"}
    )
    assert response.status_code == 302
    ban = ForumBan.objects.get()
    assert (ban.user, ban.banned_by) == (learner, admin_staff)
    assert ModerationLog.objects.filter(action="ban", actor=admin_staff).count() == 1
