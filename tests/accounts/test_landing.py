"""Where people land after signing in, the message that greets them, and the
instructor's 강의 관리 in the personal menu."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from ..factories import (
    UserFactory,
    catalog_create,
    course_tree_create,
    instructor_create,
)

PASSWORD = "correct horse 77"

pytestmark = pytest.mark.django_db


def _log_in(client, user, **extra):
    return client.post(
        reverse("account_login"), {"login": user.email, "password": PASSWORD, **extra}
    )


@pytest.fixture
def instructor(db):
    return instructor_create(courses=[course_tree_create(index=catalog_create())])


def test_a_learner_lands_on_my_learning(client):
    learner = UserFactory(name_ko="이하늘")
    response = _log_in(client, learner)
    assert response.status_code == 302
    assert response["Location"] == reverse("learning:dashboard")


def test_an_instructor_lands_on_the_teaching_page(client, instructor):
    from lms.accounts.models import Consent
    from lms.accounts.selectors import consent_versions_current
    from lms.accounts.services import consents_record

    # agreed to the required items already, so sign-in does not ask again
    required = [v for v in consent_versions_current() if v.required]
    consents_record(
        user=instructor,
        choices=dict.fromkeys(required, True),
        method=Consent.Method.FORM,
    )
    response = _log_in(client, instructor)
    assert response["Location"] == reverse("learning:teaching")
    assert client.get(response["Location"]).status_code == 200


def test_staff_land_on_their_work(client, staff_user):
    response = _log_in(client, staff_user)
    assert response["Location"] == reverse("learning:teaching")


def test_next_still_wins(client, instructor):
    response = _log_in(client, instructor, next="/timetable/my/")
    assert response["Location"] == "/timetable/my/"


def test_the_greeting_puts_the_particle_right_after_the_name(client):
    learner = UserFactory(name_ko="이하늘")
    response = _log_in(client, learner)
    texts = [str(m) for m in get_messages(response.wsgi_request)]
    assert texts == ["이하늘 님으로 로그인했습니다."]


def test_the_greeting_in_english(client):
    learner = UserFactory(name_en="Haneul Lee")
    response = client.post(
        "/en/accounts/login/", {"login": learner.email, "password": PASSWORD}
    )
    texts = [str(m) for m in get_messages(response.wsgi_request)]
    assert texts == ["Signed in as Haneul Lee."]
    assert response["Location"] == "/en/learn/"


def test_the_instructors_menu_has_teaching_and_a_learners_does_not(client, instructor):
    client.force_login(instructor)
    home = client.get(reverse("learning:dashboard")).content.decode()
    assert f'href="{reverse("learning:teaching")}"' in home
    assert "강의 관리" in home
    client.force_login(UserFactory())
    home = client.get(reverse("learning:dashboard")).content.decode()
    assert f'href="{reverse("learning:teaching")}"' not in home
