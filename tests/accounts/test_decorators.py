"""Pages that need an e-mail ask for one first."""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.messages.storage.fallback import FallbackStorage
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from lms.accounts.decorators import verified_email_required

from ..factories import UserFactory

pytestmark = pytest.mark.django_db


@verified_email_required
def _needs_mail(request):
    return HttpResponse("ok")


def _request(user):
    request = RequestFactory().get("/certificates/")
    request.user = user
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def test_a_person_with_a_verified_email_goes_on():
    assert _needs_mail(_request(UserFactory())).status_code == 200


def test_a_person_without_one_is_asked_for_it_and_comes_back():
    user = UserFactory(verified=False)
    response = _needs_mail(_request(user))
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email") + "?next=%2Fcertificates%2F"
    EmailAddress.objects.filter(user=user).update(verified=True)
    assert _needs_mail(_request(user)).status_code == 200
