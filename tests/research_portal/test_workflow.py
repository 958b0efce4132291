"""Researchers write publications; center staff approve and publish them."""

from django.contrib.auth.models import Group
from wagtail.models import WorkflowPage

from lms.accounts.models import Role
from research_portal.services import research_roles_grant
from tests.factories import UserFactory

from ..factories.research import publication_create


def _member(role):
    user = UserFactory()
    user.groups.add(Group.objects.get(name=role))
    return user


def test_researchers_add_and_edit_but_do_not_publish(client, index, author):
    research_roles_grant()
    researcher = _member(Role.RESEARCHER)
    page = publication_create(index=index, authors=[author])
    permissions = index.permissions_for_user(researcher)
    assert permissions.can_add_subpage()
    assert page.permissions_for_user(researcher).can_edit()
    assert not page.permissions_for_user(researcher).can_publish()
    client.force_login(researcher)
    response = client.get(
        f"/admin/pages/add/research_portal/publicationpage/{index.pk}/"
    )
    assert response.status_code == 200
    # the staff's approval is the workflow of the index and its pages
    workflow = WorkflowPage.objects.get(page=index).workflow
    assert page.get_workflow() == workflow
    task = workflow.tasks.get().specific
    assert list(task.groups.values_list("name", flat=True)) == [Role.STAFF]


def test_a_learner_cannot_reach_the_editor(client, index):
    research_roles_grant()
    learner = _member(Role.LEARNER)
    client.force_login(learner)
    response = client.get(
        f"/admin/pages/add/research_portal/publicationpage/{index.pk}/"
    )
    assert response.status_code in (302, 403)
    assert not index.permissions_for_user(learner).can_add_subpage()
