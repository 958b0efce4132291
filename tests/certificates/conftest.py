"""Fixtures of the certificate tests: a completed enrolment, private storage
in a temporary folder, and one signing key for the whole session."""

import datetime as dt
from decimal import Decimal

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.utils import timezone

from ..factories import (
    CourseRunFactory,
    EnrollmentFactory,
    UserFactory,
    course_tree_create,
)


@pytest.fixture(scope="session")
def signing_key_pem() -> str:
    """Generating an RSA key takes a while: one for the session."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()


@pytest.fixture(autouse=True)
def certificate_settings(settings, tmp_path, signing_key_pem):
    """PDFs go to a folder of this test; badges are signed with the session key."""
    root = tmp_path / "private_media"
    root.mkdir()
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(root), "base_url": None},
        },
    }
    settings.PRIVATE_MEDIA_ROOT = root
    settings.CERTIFICATES_SIGNING_KEY = signing_key_pem
    settings.SITE_URL = "https://campus.example.org"
    return root


@pytest.fixture
def course(catalog):
    return course_tree_create(
        index=catalog,
        title="사회적기업 창업 기초",
        credit_hours=Decimal("24"),
        summary="사회적기업을 세우는 첫걸음을 배웁니다.",
    )


@pytest.fixture
def run(course):
    today = timezone.localdate()
    return CourseRunFactory(
        course=course,
        title="2기",
        starts_on=today - dt.timedelta(days=40),
        ends_on=today - dt.timedelta(days=1),
    )


@pytest.fixture
def learner(db):
    return UserFactory(name_ko="김하늘", name_en="Haneul Kim")


def completed_enrollment_create(*, run, learner=None, grade="92.50"):
    """An enrolment that learning has completed (status, date and grade)."""
    return EnrollmentFactory(
        run=run,
        learner=learner or UserFactory(),
        status="completed",
        completed_at=timezone.now() - dt.timedelta(days=1),
        final_grade=Decimal(grade),
    )


@pytest.fixture
def enrollment(run, learner):
    return completed_enrollment_create(run=run, learner=learner)


@pytest.fixture
def staff(db):
    from django.contrib.auth.models import Group

    person = UserFactory(name_ko="교육팀 직원")
    # get_or_create: transactional tests flush the groups the migrations made
    person.groups.add(Group.objects.get_or_create(name="Staff")[0])
    return person


@pytest.fixture
def issued(enrollment):
    """The enrolment's certificate, issued and rendered as the task does it."""
    from certificates import tasks
    from certificates.models import Certificate

    return Certificate.objects.get(pk=tasks.certificate_issue(enrollment.pk))
