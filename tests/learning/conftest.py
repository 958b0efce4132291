import pytest

from ..factories import (
    CourseRunFactory,
    UserFactory,
    course_tree_create,
)


@pytest.fixture
def course(catalog):
    """A closed course with one module of two lessons."""
    return course_tree_create(index=catalog, modules=1, lessons=2)


@pytest.fixture
def run(course):
    """An open run of `course` with no seat limit."""
    return CourseRunFactory(course=course)


@pytest.fixture
def learner(db):
    return UserFactory()


# --- gradebook and completion --------------------------------------------------------


@pytest.fixture
def course_module(course):
    """The first module of `course`, where quizzes and assignments go."""
    from courses.models import CourseModulePage

    return CourseModulePage.objects.child_of(course).first()


@pytest.fixture
def grade_item_add(course_module):
    """Add a live quiz or assignment: `grade_item_add("quiz", grade_category=...)`.

    Pages go in with `add_child`, as Wagtail adds them; pass `parent=` to add
    them to another course's module.
    """
    from courses.models import AssignmentPage, QuizPage

    counter = iter(range(1, 10_000))

    def add(kind: str = "quiz", *, parent=None, **fields):
        n = next(counter)
        model = QuizPage if kind == "quiz" else AssignmentPage
        fields.setdefault("grade_category", kind)
        fields.setdefault("title", f"{'퀴즈' if kind == 'quiz' else '과제'} {n}")
        fields.setdefault("slug", f"{kind}-{n}-{(parent or course_module).pk}")
        page = model(**fields)
        (parent or course_module).add_child(instance=page)
        return page

    return add


@pytest.fixture
def course_instructor(course):
    """An instructor who teaches `course`."""
    from ..factories import instructor_create

    return instructor_create(courses=[course])


@pytest.fixture
def other_instructor(catalog):
    """An instructor of another course, who must not see this course's grades."""
    from ..factories import course_tree_create, instructor_create

    return instructor_create(courses=[course_tree_create(index=catalog)])


@pytest.fixture
def active_enrollment(run, learner):
    """`learner`'s active enrolment in `run`."""
    from ..factories import EnrollmentFactory

    return EnrollmentFactory(run=run, learner=learner)


# --- assignments (tests/learning/test_assignments.py) ---------------------------

ASSIGNMENT_RUBRIC = [
    {
        "type": "criterion",
        "value": {
            "criterion": "문제 정의",
            "levels": [
                {"label": "미흡", "points": "0", "description": ""},
                {"label": "보통", "points": "5", "description": ""},
                {"label": "우수", "points": "10", "description": "근거가 분명함"},
            ],
        },
    },
    {
        "type": "criterion",
        "value": {
            "criterion": "실행 계획",
            "levels": [
                {"label": "미흡", "points": "0", "description": ""},
                {"label": "우수", "points": "20", "description": ""},
            ],
        },
    },
]


@pytest.fixture
def private_media(tmp_path, monkeypatch, settings):
    """Submitted files go to a folder of this test, not the real private media."""
    from django.core.files.storage import FileSystemStorage

    from lms.learning.models import Submission

    root = tmp_path / "private_media"
    root.mkdir()
    settings.PRIVATE_MEDIA_ROOT = root
    # the field resolved its storage when the model loaded: replace it there
    monkeypatch.setattr(
        Submission._meta.get_field("file"), "storage", FileSystemStorage(root)
    )
    return root


@pytest.fixture
def make_assignment(course):
    """`make_assignment(**fields)`: a live assignment in `course`'s first module,
    due in a week, with a two-criterion rubric worth 30 rubric points.
    """
    from datetime import timedelta

    from django.utils import timezone

    from courses.models import AssignmentPage, CourseModulePage

    def make(**fields):
        module = CourseModulePage.objects.child_of(course).first()
        values = {
            "title": "사업계획서 제출",
            "slug": f"assignment-{AssignmentPage.objects.count() + 1}",
            "instructions": [("paragraph", "<p>사업계획서를 제출하세요.</p>")],
            "grade_category": "assignment",
            "due_at": timezone.now() + timedelta(days=7),
            "rubric": ASSIGNMENT_RUBRIC,
            **fields,
        }
        page = AssignmentPage(**values)
        module.add_child(instance=page)
        return AssignmentPage.objects.get(pk=page.pk)

    return make


@pytest.fixture
def assignment_page(make_assignment):
    return make_assignment()


@pytest.fixture
def assignment_learner(run):
    """A learner with an active enrolment in `run`."""
    from ..factories import EnrollmentFactory

    return EnrollmentFactory(run=run).learner


@pytest.fixture
def assignment_instructor(course):
    from ..factories import instructor_create

    return instructor_create(courses=[course])
