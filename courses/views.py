"""The learning library (자료실): browse, search, read and download resources."""

from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET

from .forms import LibraryFilterForm
from .models import LibraryResource
from .selectors import (
    course_category_in,
    course_category_list_in,
    library_resource_list_visible,
)

PAGE_SIZE = 20


@require_GET
def library_index(request):
    form = LibraryFilterForm(request.GET or None)
    filters = form.filters()
    resources = library_resource_list_visible(user=request.user, **filters)
    page = Paginator(resources, PAGE_SIZE).get_page(request.GET.get("page"))
    categories = course_category_list_in(language_code=request.LANGUAGE_CODE)
    names = {category.translation_key: category.name for category in categories}
    for resource in page:
        if resource.category is not None:
            # a resource may point at either language's category: say the reader's
            resource.category_name = names.get(
                resource.category.translation_key, resource.category.name
            )
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
            "categories": categories,
            "saved": saved,
        },
    )


def _visible_or_404(request, pk: int) -> LibraryResource:
    return get_object_or_404(library_resource_list_visible(user=request.user), pk=pk)


@require_GET
def library_resource(request, pk: int):
    resource = _visible_or_404(request, pk)
    category = resource.category
    if category is not None:
        category = course_category_in(
            category=category, language_code=request.LANGUAGE_CODE
        )
    return render(
        request,
        "courses/library_resource.html",
        {"resource": resource, "category_name": category.name if category else ""},
    )


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
