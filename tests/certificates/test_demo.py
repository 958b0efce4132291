"""The demo certificates: issued, reissued, revoked and waiting; idempotent."""

from io import StringIO

import pytest
from django.core.management import call_command

from certificates.demo import seed_certificates
from certificates.models import Certificate, CertificateEvent
from lms.accounts.models import User

pytestmark = pytest.mark.django_db


def test_seed_demo_makes_the_story_and_running_it_again_changes_nothing(
    settings, tmp_path
):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    call_command("seed_demo", stdout=StringIO())
    certificates = list(Certificate.objects.order_by("pk"))
    assert sorted(c.status for c in certificates) == [
        "revoked",
        "superseded",
        "valid",
        "valid",
    ]
    assert all(c.pdf_name and c.badge_jwt for c in certificates)
    events = CertificateEvent.objects.count()
    people = {user.email: user for user in User.objects.all()}
    seed_certificates(people=people)
    assert Certificate.objects.count() == len(certificates)
    assert CertificateEvent.objects.count() == events
