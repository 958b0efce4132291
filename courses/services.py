"""Writes about courses."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import GroupPagePermission

from .models import CoursePage

# Instructors draft and submit; staff approve and publish through the workflow.
INSTRUCTOR_PAGE_PERMISSIONS = ("add_page", "change_page")


def course_instructor_group_name(course: CoursePage) -> str:
    return f"Course {course.pk} instructors"


@transaction.atomic
def course_instructor_permissions_sync(*, course: CoursePage) -> Group:
    """Give the course's instructors edit rights to its pages, and no others.

    Wagtail page permissions belong to groups, so each course has a group of
    its instructors with add and change rights on the course's subtree.
    """
    group, _ = Group.objects.get_or_create(name=course_instructor_group_name(course))
    access_admin = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    group.permissions.add(access_admin)
    # the question bank: the admin views narrow it to the courses they teach
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="courses",
            codename__in=["add_question", "change_question", "delete_question"],
        )
    )
    for codename in INSTRUCTOR_PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(
            group=group,
            page=course.page_ptr,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )
    instructor_ids = set(course.instructor_links.values_list("user_id", flat=True))
    members = set(group.user_set.values_list("pk", flat=True))
    group.user_set.remove(*(members - instructor_ids))
    group.user_set.add(*(instructor_ids - members))
    return group


@transaction.atomic
def course_readings_sync(*, course: CoursePage) -> int:
    """Rewrite the course's `CourseReading` rows from its live reading list and
    the publication blocks of its live lessons; returns how many it holds.

    Publications are stored as their source pages, so that a translated
    lesson citing the English alias counts as citing the publication.
    """
    from wagtail.models import Page

    from .blocks import publication_ids
    from .models import CoursePageReading, CourseReading, LessonPage

    cited: list[tuple[int, int | None]] = [
        (publication_id, None)
        for publication_id in CoursePageReading.objects.filter(page=course).values_list(
            "publication_id", flat=True
        )
    ]
    for lesson in LessonPage.objects.live().descendant_of(course).only("pk", "body"):
        cited.extend((pk, lesson.pk) for pk in publication_ids(lesson.body))
    source_of = {
        pk: alias_of or pk
        for pk, alias_of in Page.objects.filter(
            pk__in={pk for pk, _lesson in cited}
        ).values_list("pk", "alias_of_id")
    }
    rows = {(source_of[pk], lesson_id) for pk, lesson_id in cited if pk in source_of}
    CourseReading.objects.filter(course=course).delete()
    CourseReading.objects.bulk_create(
        CourseReading(course=course, publication_id=pk, lesson_id=lesson_id)
        for pk, lesson_id in sorted(rows, key=lambda row: (row[0], row[1] or 0))
    )
    return len(rows)
