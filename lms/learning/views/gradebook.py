"""Gradebook views: a run's gradebook, overrides and their history, the CSV
export, and each learner's own grades with their completion checklist.

The gradebook, its CSV and the overrides are for the course's instructors and
center staff; a learner sees only their own grades.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from lms.core.csv_export import csv_filename, csv_response

from ..gradebook import Gradebook, GradeCell, GradeItem, gradebook_for_run
from ..models import SEAT_HOLDING, CourseRun, Enrollment, GradeOverride
from ..permissions import run_manage_allowed
from ..selectors import course_in_language
from ..services import GradeError, completion_status, grade_override_set

# learners per page: a wide table of 15,000 cells is slow to draw and to read
GRADEBOOK_PAGE_SIZE = 100

# --- presenting a gradebook ------------------------------------------------------


@dataclass
class CategoryGroup:
    """The items of one category, in outline order, with the category's weight."""

    key: str
    label: str
    weight: int
    items: list[GradeItem] = field(default_factory=list)


@dataclass
class TableCell:
    item: GradeItem
    cell: GradeCell
    url: str = ""
    text: str = ""  # the grade as shown, "" when there is none
    note: str = ""  # under an override: the computed grade it replaces


def percent_text(value: Decimal | None) -> str:
    """82.50 → "82.5", 80.00 → "80", None → ""; as floatformat:"-2" does, but
    cheap enough for thousands of cells."""
    if value is None:
        return ""
    if value == value.to_integral_value():
        return str(int(value))
    return f"{value:.2f}".rstrip("0")


def _table_cell(item: GradeItem, cell: GradeCell, url: str) -> TableCell:
    note = ""
    if cell.overridden:
        note = _("Overridden; computed grade: %(grade)s") % {
            "grade": percent_text(cell.source) or "–"
        }
    return TableCell(item, cell, url, percent_text(cell.percent), note)


@dataclass
class TableRow:
    enrollment: Enrollment
    cells: list[TableCell]
    categories: list[Decimal | None]
    total: Decimal | None

    @property
    def category_texts(self) -> list[str]:
        return [percent_text(value) for value in self.categories]

    @property
    def total_text(self) -> str:
        return percent_text(self.total)


def _groups(book: Gradebook) -> list[CategoryGroup]:
    groups = [
        CategoryGroup(key, label, weight) for key, label, weight in book.categories
    ]
    by_key = {group.key: group for group in groups}
    for item in book.items:
        by_key[item.category].items.append(item)
    return groups


def _average(values) -> Decimal | None:
    graded = [value for value in values if value is not None]
    if not graded:
        return None
    return (sum(graded, Decimal(0)) / len(graded)).quantize(Decimal("0.01"))


def _table(book: Gradebook, *, cell_url_base: str = "", shown=None) -> dict:
    """Rows and columns in the order the page and the CSV show them.

    `shown`: the gradebook rows to lay out (a page of them); the class averages
    are always over every row of the book.
    """
    groups = _groups(book)
    columns = [item for group in groups for item in group.items]
    rows = []
    for row in book.rows if shown is None else shown:
        rows.append(
            TableRow(
                enrollment=row.enrollment,
                cells=[
                    _table_cell(
                        item,
                        row.cells[item.pk],
                        # one string join, not thousands of reverse() calls
                        f"{cell_url_base}{row.enrollment.pk}/{item.pk}/override/"
                        if cell_url_base
                        else "",
                    )
                    for item in columns
                ],
                categories=[row.categories.get(group.key) for group in groups],
                total=row.total,
            )
        )
    averages = {
        "cells": [
            _average(row.cells[item.pk].percent for row in book.rows)
            for item in columns
        ],
        "categories": [
            _average(row.categories.get(group.key) for row in book.rows)
            for group in groups
        ],
        "total": _average(row.total for row in book.rows),
    }
    return {
        "groups": groups,
        "columns": columns,
        "rows": rows,
        "averages": averages,
        "width": len(columns) + len(groups) + 2,
    }


def _managed_run(request, run_id: int) -> CourseRun:
    run = get_object_or_404(CourseRun.objects.select_related("course"), pk=run_id)
    if not run_manage_allowed(user=request.user, run=run):
        raise PermissionDenied
    return run


# --- the run's gradebook -----------------------------------------------------------


@login_required
@require_GET
def run_gradebook(request, run_id: int):
    """Learners × items, grouped by category, with overrides marked."""
    run = _managed_run(request, run_id)
    book = gradebook_for_run(run=run)
    query = request.GET.get("q", "").strip()[:100]
    found = book.rows
    if query:
        needle = query.casefold()
        found = [
            row
            for row in book.rows
            if needle in row.enrollment.learner.display_name.casefold()
            or needle in row.enrollment.learner.email.casefold()
        ]
    page = Paginator(found, GRADEBOOK_PAGE_SIZE).get_page(request.GET.get("page"))
    base = reverse("learning:gradebook", kwargs={"run_id": run.pk})
    return render(
        request,
        "learning/gradebook.html",
        {
            "run": run,
            "course": course_in_language(run.course),
            "page_obj": page,
            "q": query,
            "found": len(found),
            **_table(book, cell_url_base=base, shown=page.object_list),
        },
    )


def _csv_percent(value: Decimal | None) -> str:
    return "" if value is None else f"{value:.2f}"


@login_required
@require_GET
def run_gradebook_csv(request, run_id: int):
    """The gradebook as CSV: UTF-8 with a BOM so that Excel keeps Korean intact."""
    run = _managed_run(request, run_id)
    table = _table(gradebook_for_run(run=run))
    header = (
        [_("E-mail"), _("Name"), _("Organization")]
        + [item.page.title for item in table["columns"]]
        + [
            _("%(category)s (weight %(weight)d%%)")
            % {"category": group.label, "weight": group.weight}
            for group in table["groups"]
        ]
        + [_("Total (%)")]
    )
    rows = (
        [
            row.enrollment.learner.email,
            row.enrollment.learner.display_name,
            row.enrollment.learner.organization,
        ]
        + [_csv_percent(cell.cell.percent) for cell in row.cells]
        + [_csv_percent(value) for value in row.categories]
        + [_csv_percent(row.total)]
        for row in table["rows"]
    )
    return csv_response(
        rows, filename=csv_filename("run", run.pk, "gradebook"), header=header
    )


# --- overrides and their history -----------------------------------------------------


class GradeOverrideForm(forms.Form):
    percent = forms.DecimalField(
        label=gettext_lazy("Grade (%)"),
        required=False,
        min_value=0,
        max_value=100,
        max_digits=5,
        decimal_places=2,
        help_text=gettext_lazy(
            "Leave empty to clear the override and use the computed grade again."
        ),
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        max_length=GradeOverride._meta.get_field("reason").max_length,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Kept in the grade history with your name."),
    )


@dataclass
class HistoryEntry:
    override: GradeOverride
    previous: Decimal | None
    had_previous: bool


def _history(*, run: CourseRun, enrollment_id=None, item_id=None) -> list:
    """Overrides of the run, newest first, each with the value it replaced."""
    overrides = GradeOverride.objects.filter(enrollment__run=run).select_related(
        "enrollment__learner", "created_by", "item"
    )
    if enrollment_id is not None:
        overrides = overrides.filter(enrollment_id=enrollment_id)
    if item_id is not None:
        overrides = overrides.filter(item_id=item_id)
    entries = []
    last: dict[tuple[int, int], Decimal | None] = {}
    for override in overrides.order_by("created_at", "pk"):
        key = (override.enrollment_id, override.item_id)
        entries.append(
            HistoryEntry(override, last.get(key), key in last and last[key] is not None)
        )
        last[key] = override.percent
    entries.reverse()
    return entries


def _int_or_none(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@login_required
@require_GET
def run_gradebook_history(request, run_id: int):
    """The audit trail: every override of the run, optionally one learner's."""
    run = _managed_run(request, run_id)
    enrollment_id = _int_or_none(request.GET.get("enrollment"))
    item_id = _int_or_none(request.GET.get("item"))
    return render(
        request,
        "learning/gradebook_history.html",
        {
            "run": run,
            "course": course_in_language(run.course),
            "entries": _history(run=run, enrollment_id=enrollment_id, item_id=item_id),
            "filtered": enrollment_id is not None or item_id is not None,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def grade_override(request, run_id: int, enrollment_id: int, item_id: int):
    """Set or clear one learner's grade on one item, with a reason."""
    run = _managed_run(request, run_id)
    enrollment = get_object_or_404(
        Enrollment.objects.select_related("learner__organization", "run__course"),
        pk=enrollment_id,
        run=run,
        status__in=SEAT_HOLDING,
    )
    book = gradebook_for_run(run=run, enrollments=[enrollment])
    item = next((i for i in book.items if i.pk == item_id), None)
    if item is None:
        raise Http404(_("This is not a quiz or assignment of the course."))
    form = GradeOverrideForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                grade_override_set(
                    enrollment=enrollment,
                    item=item.page,
                    percent=form.cleaned_data["percent"],
                    reason=form.cleaned_data["reason"],
                    actor=request.user,
                )
            except GradeError as error:
                form.add_error(None, error.message)
            else:
                messages.success(
                    request,
                    _("Grade saved for %(name)s: %(item)s.")
                    % {"name": enrollment.learner.display_name, "item": item.page},
                )
                return redirect("learning:gradebook", run_id=run.pk)
        status = 400
    return render(
        request,
        "learning/grade_override.html",
        {
            "run": run,
            "course": course_in_language(run.course),
            "enrollment": enrollment,
            "item": item,
            "cell": book.rows[0].cells[item.pk],
            "form": form,
            "entries": _history(run=run, enrollment_id=enrollment.pk, item_id=item.pk),
        },
        status=status,
    )


# --- a learner's own grades ----------------------------------------------------------


@login_required
@require_GET
def enrollment_grades(request, enrollment_id: int):
    """A learner's grades in one run and their completion checklist.

    The learner sees their own; the course's instructors and staff see anyone's.
    """
    enrollment = get_object_or_404(
        Enrollment.objects.select_related("learner__organization", "run__course"),
        pk=enrollment_id,
    )
    own = enrollment.learner_id == request.user.pk
    if not own and not run_manage_allowed(user=request.user, run=enrollment.run):
        raise PermissionDenied
    book = gradebook_for_run(run=enrollment.run, enrollments=[enrollment])
    table = _table(book)
    row = table["rows"][0]
    groups = [
        {
            "group": group,
            "cells": [cell for cell in row.cells if cell.item.category == group.key],
            "average": row.categories[index],
        }
        for index, group in enumerate(table["groups"])
    ]
    return render(
        request,
        "learning/enrollment_grades.html",
        {
            "enrollment": enrollment,
            "run": enrollment.run,
            "course": course_in_language(enrollment.run.course),
            "own": own,
            "groups": groups,
            "total": row.total,
            "requirements": completion_status(enrollment=enrollment, book=book),
        },
    )


urlpatterns = [
    path("runs/<int:run_id>/gradebook/", run_gradebook, name="gradebook"),
    path("runs/<int:run_id>/gradebook.csv", run_gradebook_csv, name="gradebook-csv"),
    path(
        "runs/<int:run_id>/gradebook/history/",
        run_gradebook_history,
        name="gradebook-history",
    ),
    path(
        "runs/<int:run_id>/gradebook/<int:enrollment_id>/<int:item_id>/override/",
        grade_override,
        name="gradebook-override",
    ),
    path(
        "enrollments/<int:enrollment_id>/grades/",
        enrollment_grades,
        name="enrollment-grades",
    ),
]
