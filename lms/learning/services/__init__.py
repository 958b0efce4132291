"""Writes about learning, one module per concern, all importable from here."""

from .assignments import (
    AssignmentError,
    AssignmentForbidden,
    extension_grant,
    submission_create,
    submission_grade,
)
from .completion import (
    completion_status,
    enrollment_completion_evaluate,
    learner_completion_evaluate,
)
from .enrollment import (
    MAX_IMPORT_ROWS,
    EnrollmentError,
    ImportReport,
    bookmark_toggle,
    enrollment_approve,
    enrollment_bulk_import,
    enrollment_create,
    enrollment_reject,
    enrollment_withdraw,
    lesson_progress_complete,
    lesson_progress_view,
    prerequisites_missing,
    waitlist_promote,
)
from .grades import GradeError, grade_override_set
from .quizzes import (
    QuizError,
    quiz_answers_visible,
    quiz_attempt_save,
    quiz_attempt_start,
    quiz_attempt_submit,
    quiz_attempts_used,
)

__all__ = [
    "MAX_IMPORT_ROWS",
    "EnrollmentError",
    "GradeError",
    "ImportReport",
    "QuizError",
    "bookmark_toggle",
    "completion_status",
    "enrollment_completion_evaluate",
    "learner_completion_evaluate",
    "enrollment_approve",
    "enrollment_bulk_import",
    "enrollment_create",
    "enrollment_reject",
    "enrollment_withdraw",
    "grade_override_set",
    "lesson_progress_complete",
    "lesson_progress_view",
    "prerequisites_missing",
    "quiz_answers_visible",
    "quiz_attempt_save",
    "quiz_attempt_start",
    "quiz_attempt_submit",
    "quiz_attempts_used",
    "waitlist_promote",
    "AssignmentError",
    "AssignmentForbidden",
    "extension_grant",
    "submission_create",
    "submission_grade",
]
