"""Course runs and enrolments, as rows (bypassing the services)."""

import factory

from .accounts import UserFactory


class CourseRunFactory(factory.django.DjangoModelFactory):
    """An open run with no seat limit, enrolment open now."""

    class Meta:
        model = "learning.CourseRun"

    title_ko = factory.Sequence(lambda n: f"2026년 봄 {n}기")


class EnrollmentFactory(factory.django.DjangoModelFactory):
    """A row as it is, bypassing the services: pass `run=`; no seat is counted."""

    class Meta:
        model = "learning.Enrollment"

    learner = factory.SubFactory(UserFactory)
    status = "active"
