"""Who may manage sessions, take attendance and see the staff timetable."""

from lms.learning.models import SEAT_HOLDING, Enrollment
from lms.learning.permissions import is_center_staff, is_course_instructor

from .models import LectureSession


def timetable_view_allowed(*, user) -> bool:
    """The staff timetable (all rooms): center staff only."""
    return is_center_staff(user)


def session_manage_allowed(*, user, session: LectureSession) -> bool:
    """Staff; the session's instructors; the instructors of its run's course."""
    if not user.is_authenticated:
        return False
    if is_center_staff(user):
        return True
    if any(instructor.pk == user.pk for instructor in session.instructors.all()):
        return True
    return session.run_id is not None and is_course_instructor(user, session.run.course)


def session_view_allowed(*, user, session: LectureSession) -> bool:
    """A session of a published run is public, as its run's feed is; a room
    booking that is not a course is for staff and its instructors."""
    if (
        session.run_id is not None
        and session.run.is_published
        and session.run.course.live
    ):
        return True
    return session_manage_allowed(user=user, session=session)


def learner_enrolled(*, user, run_id) -> bool:
    if not user.is_authenticated or run_id is None:
        return False
    return Enrollment.objects.filter(
        learner=user, run_id=run_id, status__in=SEAT_HOLDING
    ).exists()
