"""Everything about learners: course runs, enrolments, progress and bookmarks."""

from .assignments import (
    AssignmentExtension,
    GradeOverride,
    Submission,
    SubmissionStatus,
    private_storage,
)
from .enrollments import (
    REQUEST_REASON_MAX,
    SEAT_HOLDING,
    Bookmark,
    Enrollment,
    EnrollmentStatus,
    LessonProgress,
)
from .quizzes import (
    QuizAttempt,
    QuizAttemptStatus,
)
from .runs import (
    CourseRun,
    CourseRunQuerySet,
    EnrollmentPolicy,
    Pacing,
    invitation_code_new,
    run_title_expression,
)

__all__ = [
    "AssignmentExtension",
    "Bookmark",
    "CourseRun",
    "CourseRunQuerySet",
    "Enrollment",
    "EnrollmentPolicy",
    "EnrollmentStatus",
    "GradeOverride",
    "LessonProgress",
    "Pacing",
    "QuizAttempt",
    "QuizAttemptStatus",
    "REQUEST_REASON_MAX",
    "SEAT_HOLDING",
    "Submission",
    "SubmissionStatus",
    "invitation_code_new",
    "private_storage",
    "run_title_expression",
]
