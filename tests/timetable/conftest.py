import pytest

from ..factories import (
    CourseRunFactory,
    EnrollmentFactory,
    UserFactory,
    course_tree_create,
    instructor_create,
)
from ..factories.timetable import RoomFactory


@pytest.fixture
def course(catalog):
    return course_tree_create(index=catalog, modules=1, lessons=1)


@pytest.fixture
def run(course):
    """A run with no dates (so any date is inside it) and no seat limit."""
    return CourseRunFactory(course=course)


@pytest.fixture
def room(db):
    return RoomFactory()


@pytest.fixture
def other_room(room):
    return RoomFactory(building=room.building)


@pytest.fixture
def learner(run):
    """A learner with an active enrolment in `run`."""
    return EnrollmentFactory(run=run).learner


@pytest.fixture
def other_learner(db):
    """A learner who is not enrolled in `run`."""
    return UserFactory()


@pytest.fixture
def instructor(course):
    return instructor_create(courses=[course])


@pytest.fixture
def other_instructor(catalog):
    return instructor_create(courses=[course_tree_create(index=catalog)])


@pytest.fixture
def staff(db):
    return UserFactory(is_staff=True)


@pytest.fixture
def notified(monkeypatch) -> list[tuple]:
    """(session id, sequence) of every change e-mail task enqueued."""
    from lms.timetable import tasks

    enqueued: list[tuple] = []
    monkeypatch.setattr(
        tasks.session_change_notify, "delay", lambda *args: enqueued.append(args)
    )
    return enqueued
