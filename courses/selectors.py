"""Reads about courses and the learning library."""

from django.db.models import Q, QuerySet
from filer.models import Folder, FolderPermission

from .models import CourseCategory, LibraryResource


def library_folder_ids_readable(*, user) -> set[int] | str:
    """Folders whose files `user` may see: 'All', or a set of folder ids.

    django-filer's own rules for signed-in users; for visitors, the folders
    that grant reading to everybody.
    """
    if user.is_authenticated:
        ids = FolderPermission.objects.get_read_id_list(user)
        return ids if ids == "All" else set(ids)
    readable: set[int] = set()
    for permission in FolderPermission.objects.filter(
        everybody=True, can_read=FolderPermission.ALLOW
    ).select_related("folder"):
        if permission.folder is None:
            return "All"
        readable.add(permission.folder_id)
        if permission.type in (FolderPermission.ALL, FolderPermission.CHILDREN):
            readable.update(permission.folder.get_descendants_ids())
    return readable


def library_resource_list_visible(
    *, user, q: str = "", kind: str = "", category: int | None = None, tag: str = ""
) -> QuerySet[LibraryResource]:
    """Published resources `user` may see, filtered and searched."""
    resources = LibraryResource.objects.filter(is_published=True)
    readable = library_folder_ids_readable(user=user)
    if readable != "All":
        # links (no file) and files in readable folders; files outside any
        # folder are the editors' unsorted uploads and stay hidden
        resources = resources.filter(
            Q(file__isnull=True) | Q(file__folder_id__in=readable)
        )
    if kind:
        resources = resources.filter(kind=kind)
    if category:
        # either language's category: a resource points at one of them
        resources = resources.filter(
            category__translation_key__in=CourseCategory.objects.filter(
                pk=category
            ).values("translation_key")
        )
    if tag:
        resources = resources.filter(tags__name=tag)
    if q:
        resources = resources.filter(
            Q(title__icontains=q)
            | Q(title_en__icontains=q)
            | Q(description__icontains=q)
            | Q(description_en__icontains=q)
            | Q(tags__name__icontains=q)
        ).distinct()
    return resources.select_related("category__locale", "file").prefetch_related("tags")


def library_folders() -> QuerySet[Folder]:
    return Folder.objects.all()


def course_list_editable(*, user) -> QuerySet:
    """Courses whose question bank `user` may edit: all for staff, else taught."""
    from .models import CoursePage

    courses = CoursePage.objects.all()
    if user.is_superuser or user.is_staff:
        return courses
    if user.groups.filter(name="Staff").exists():
        return courses
    return courses.filter(instructor_links__user=user).distinct()


def question_list_editable(*, user) -> QuerySet:
    """Questions of the course banks `user` may edit, with their course."""
    from .models import Question

    return (
        Question.objects.filter(course__in=course_list_editable(user=user))
        .select_related("course")
        .order_by("course__title", "pk")
    )


def course_category_list_in(*, language_code: str) -> list[CourseCategory]:
    """The catalog's categories in one language, in their order."""
    return list(CourseCategory.objects.filter(locale__language_code=language_code))


def course_category_in(*, category: CourseCategory, language_code: str):
    """`category` in the reader's language, or itself when untranslated."""
    if category.locale.language_code == language_code:
        return category
    return (
        CourseCategory.objects.filter(
            translation_key=category.translation_key,
            locale__language_code=language_code,
        ).first()
        or category
    )


def course_reading_list(*, course, request=None) -> list[dict]:
    """The course's reading list, in order, each with its citation in the
    reader's language; publications that are not live are left out.

    One query for the list (none in a preview, which reads the draft), and
    the four of `publication_readings` when it is not empty.
    """
    from research_portal.teaching import publication_readings

    rows = list(course.readings.all())
    readings = publication_readings(
        ids=[row.publication_id for row in rows], request=request
    )
    return [
        {"row": row, "reading": readings[row.publication_id]}
        for row in rows
        if row.publication_id in readings
    ]


def course_list_citing(*, publication_id: int, language_code: str) -> QuerySet:
    """Live, public courses in one language that cite the publication (a source
    page) in their reading list or a lesson."""
    from .models import CoursePage

    return (
        CoursePage.objects.live()
        .public()
        .filter(
            locale__language_code=language_code,
            course_readings__publication_id=publication_id,
        )
        .distinct()
        .order_by("title")
    )
