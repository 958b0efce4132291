"""The learning library (자료실): browse, search, read and download resources."""

from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET

from .forms import LibraryFilterForm
from .models import CourseCategory, LibraryResource
from .selectors import library_resource_list_visible

PAGE_SIZE = 20


@require_GET
def library_index(request):
    form = LibraryFilterForm(request.GET or None)
    filters = form.filters()
    resources = library_resource_list_visible(user=request.user, **filters)
    page = Paginator(resources, PAGE_SIZE).get_page(request.GET.get("page"))
    saved = set()
    if request.user.is_authenticated:
        saved = set(
            request.user.bookmarks.filter(resource__isnull=False).values_list(
                "resource_id", flat=True
            )
        )
    return render(
        request,
        "courses/library_index.html",
        {
            "form": form,
            "resources": page,
            "categories": CourseCategory.objects.filter(
                locale__language_code=request.LANGUAGE_CODE
            ),
            "saved": saved,
        },
    )


def _visible_or_404(request, pk: int) -> LibraryResource:
    return get_object_or_404(library_resource_list_visible(user=request.user), pk=pk)


@require_GET
def library_resource(request, pk: int):
    resource = _visible_or_404(request, pk)
    return render(request, "courses/library_resource.html", {"resource": resource})


@require_GET
def library_download(request, pk: int):
    """The file as an attachment, never rendered inline by the browser."""
    resource = _visible_or_404(request, pk)
    if resource.file is None:
        return redirect(resource.url)
    try:
        handle = resource.file.file.open("rb")
    except (FileNotFoundError, ValueError) as error:
        raise Http404 from error
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=resource.file.original_filename or resource.file.label,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
