"""Common Cartridge in the Wagtail admin: export a course, import a package.

Mounted under /admin/cartridge/ (before Wagtail's own admin URLs) with Django's
own checks, so that a refusal is a plain 403 rather than Wagtail's redirect:
anonymous visitors are sent to sign in, everyone else but center staff (and,
for export, the admins of a partner whose agreement allows it) is refused.
"""

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from courses.models import CourseIndexPage, CoursePage
from lms.core.site_url import absolute_url
from lms.learning.permissions import is_center_staff

from . import selectors
from .errors import CartridgeError
from .services.cartridge import MAX_PACKAGE_BYTES, cartridge_export, cartridge_import


@login_required
@require_GET
def course_export(request, page_id: int):
    """The course as an .imscc download (?mode=thin for LTI links)."""
    course = get_object_or_404(CoursePage, pk=page_id)
    allowed, agreement = selectors.cartridge_export_access(
        user=request.user, course=course
    )
    if not allowed:
        raise PermissionDenied
    package = cartridge_export(
        course=course,
        agreement=agreement,
        thin=request.GET.get("mode") == "thin",
        launch_url=absolute_url(reverse("lti:launch"), request),
    )
    response = HttpResponse(package.content, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{package.filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


class CartridgeImportForm(forms.Form):
    package = forms.FileField(
        label=_("Common Cartridge package (.imscc)"),
        help_text=_("A zip of at most %(mb)d MB with imsmanifest.xml at its top.")
        % {"mb": MAX_PACKAGE_BYTES // (1024 * 1024)},
    )
    catalog = forms.ModelChoiceField(
        label=_("Catalog"),
        queryset=CourseIndexPage.objects.order_by("path"),
        empty_label=None,
        help_text=_("The imported course is created here as a draft."),
    )

    def clean_package(self):
        package = self.cleaned_data["package"]
        if package.size > MAX_PACKAGE_BYTES:
            raise forms.ValidationError(
                _("The package is larger than %(mb)d MB.")
                % {"mb": MAX_PACKAGE_BYTES // (1024 * 1024)}
            )
        return package


@login_required
@require_http_methods(["GET", "POST"])
def course_import(request):
    """Upload a package; a draft course is made and what was skipped is listed."""
    if not is_center_staff(request.user):
        raise PermissionDenied
    report = None
    status = 200
    if request.method == "POST":
        form = CartridgeImportForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                report = cartridge_import(
                    upload=form.cleaned_data["package"],
                    index=form.cleaned_data["catalog"],
                    user=request.user,
                )
            except CartridgeError as error:
                form.add_error("package", error.message)
        if report is None:
            status = 400
    else:
        form = CartridgeImportForm()
    return render(
        request,
        "partners/cartridge/import.html",
        {"form": form, "report": report},
        status=status,
    )
