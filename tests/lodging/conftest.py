import datetime as dt

import pytest
from django.utils import timezone

from lms.lodging.models import GenderPolicy

from ..factories import (
    CourseRunFactory,
    EnrollmentFactory,
    OrganizationFactory,
    UserFactory,
    course_tree_create,
    instructor_create,
)
from ..factories.lodging import FloorFactory, room_create


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def course(catalog):
    return course_tree_create(index=catalog, delivery="residential")


@pytest.fixture
def run(course, today):
    """A residential run of three days a fortnight away: two nights."""
    return CourseRunFactory(
        course=course,
        is_residential=True,
        starts_on=today + dt.timedelta(days=14),
        ends_on=today + dt.timedelta(days=16),
    )


@pytest.fixture
def nights(run):
    return run.starts_on, run.ends_on


@pytest.fixture
def floor(db):
    return FloorFactory()


@pytest.fixture
def women_room(floor):
    return room_create(floor=floor, number="201", beds=2, policy=GenderPolicy.WOMEN)


@pytest.fixture
def men_room(floor):
    return room_create(floor=floor, number="202", beds=2, policy=GenderPolicy.MEN)


@pytest.fixture
def enrol(run):
    """`enrol(**user_fields)`: a learner with an active enrolment in `run`."""

    from django.db.models import F

    from lms.learning.models import CourseRun

    def make(**fields):
        enrollment = EnrollmentFactory(run=run, learner=UserFactory(**fields))
        # the seat the factory does not count, so that a withdrawal can free it
        CourseRun.objects.filter(pk=run.pk).update(seats_taken=F("seats_taken") + 1)
        return enrollment

    return make


@pytest.fixture
def enrollment(enrol):
    return enrol()


@pytest.fixture
def organization(db):
    return OrganizationFactory()


@pytest.fixture
def staff(db):
    from django.contrib.auth.models import Group

    person = UserFactory()
    person.groups.add(Group.objects.get(name="Staff"))
    return person


@pytest.fixture
def other_instructor(catalog):
    return instructor_create(courses=[course_tree_create(index=catalog)])
