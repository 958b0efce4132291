"""The models of `courses`, split by concern and re-exported here, so that
`from courses.models import CoursePage` and the migrations keep working."""

from .assessments import (
    DEFAULT_EXTENSIONS,
    AssessmentMixin,
    AssignmentPage,
    LatePolicy,
    Question,
    QuestionOption,
    QuestionType,
    QuizPage,
    QuizPageForm,
    QuizPageQuestion,
    RubricCriterionBlock,
    RubricLevelBlock,
    ShowAnswers,
    SubmissionType,
)
from .choices import (
    CourseLanguage,
    Delivery,
    GradeCategory,
    LearningMode,
    Level,
    Licence,
)
from .library import LibraryResource, LibraryResourceTag, ResourceKind
from .pages import (
    CourseCategory,
    CourseIndexPage,
    CourseModulePage,
    CoursePage,
    CoursePageInstructor,
    CoursePageTag,
    LessonPage,
)
from .readings import CoursePageReading, CourseReading

__all__ = [
    "DEFAULT_EXTENSIONS",
    "AssessmentMixin",
    "AssignmentPage",
    "CourseCategory",
    "CourseIndexPage",
    "CourseLanguage",
    "CourseModulePage",
    "CoursePage",
    "CoursePageInstructor",
    "CoursePageReading",
    "CourseReading",
    "CoursePageTag",
    "Delivery",
    "GradeCategory",
    "LatePolicy",
    "LearningMode",
    "LessonPage",
    "Level",
    "LibraryResource",
    "LibraryResourceTag",
    "Licence",
    "Question",
    "QuestionOption",
    "QuestionType",
    "QuizPage",
    "QuizPageForm",
    "QuizPageQuestion",
    "ResourceKind",
    "RubricCriterionBlock",
    "RubricLevelBlock",
    "ShowAnswers",
    "SubmissionType",
]
