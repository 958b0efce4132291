"""Factories shared by the suite, one module per app (factory_boy, and
wagtail-factories for pages).

`from tests.factories import UserFactory` keeps working: the names below are
the ones every app's tests use. App-specific builders are imported from their
module (`from tests.factories.lodging import room_create`).
"""

from .accounts import OrganizationFactory, UserFactory
from .courses import (
    CourseCategoryFactory,
    CourseIndexPageFactory,
    CourseModulePageFactory,
    CoursePageFactory,
    LessonPageFactory,
    catalog_create,
    course_tree_create,
    instructor_create,
)
from .learning import CourseRunFactory, EnrollmentFactory
from .pages import (
    ChildPageFactory,
    HomePageFactory,
    pages_bulk_create,
    site_home_create,
    translation_tree_create,
)

__all__ = [
    "ChildPageFactory",
    "CourseCategoryFactory",
    "CourseIndexPageFactory",
    "CourseModulePageFactory",
    "CoursePageFactory",
    "CourseRunFactory",
    "EnrollmentFactory",
    "HomePageFactory",
    "LessonPageFactory",
    "OrganizationFactory",
    "UserFactory",
    "catalog_create",
    "course_tree_create",
    "instructor_create",
    "pages_bulk_create",
    "site_home_create",
    "translation_tree_create",
]
