"""Bulk import of publications from a BibTeX or CSV file, in the Wagtail admin.

Mounted at /admin/research/import/ (before Wagtail's own admin URLs) with
Django's own checks, so that a refusal is a plain 403: anonymous visitors are
sent to sign in; only those who may add publications under an index (the
researchers and center staff) may import. "Preview" runs the import and rolls
it back; "Import" keeps it when every row is right, and writes nothing else.
"""

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from .bibliography import (
    EXTENSIONS,
    MAX_BYTES,
    MAX_ROWS,
    BibliographyError,
    ImportStatus,
    bibliography_parse,
)
from .models import PublicationIndexPage
from .selectors import publication_index_list_addable
from .services import publications_import


class PublicationImportForm(forms.Form):
    index = forms.ModelChoiceField(
        label=_("Publication index"),
        queryset=None,
        empty_label=None,
        help_text=_("The publications are created here as drafts."),
    )
    file = forms.FileField(
        label=_("BibTeX or CSV file"),
        help_text=_(
            "A .bib or .csv file (UTF-8) of at most %(kb)d KB and %(rows)d "
            "publications. The CSV columns are listed below."
        )
        % {"kb": MAX_BYTES // 1000, "rows": MAX_ROWS},
    )

    def __init__(self, *args, indexes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["index"].queryset = PublicationIndexPage.objects.filter(
            pk__in=[index.pk for index in indexes]
        ).order_by("path")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(EXTENSIONS):
            raise forms.ValidationError(_("Upload a .bib or .csv file."))
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(size)d KB.") % {"size": MAX_BYTES // 1000}
            )
        return upload


def _admin_language(user) -> str:
    """The language the user chose for the admin, read without writing (a
    refused or bad request writes nothing), else the request's."""
    from wagtail.users.models import UserProfile

    profile = UserProfile.objects.filter(user=user).first()
    return profile.get_preferred_language() if profile else translation.get_language()


@login_required
@require_http_methods(["GET", "POST"])
def publication_import(request):
    """Upload a file; preview the report row by row, or import all or nothing."""
    indexes = publication_index_list_addable(user=request.user)
    if not indexes:
        raise PermissionDenied
    with translation.override(_admin_language(request.user)):
        rows, status = None, 200
        dry_run = request.POST.get("action") != "import"
        form = PublicationImportForm(
            request.POST or None, request.FILES or None, indexes=indexes
        )
        if request.method == "POST":
            status = 400
            if form.is_valid():
                upload = form.cleaned_data["file"]
                try:
                    rows = bibliography_parse(
                        name=upload.name, content=upload.read(MAX_BYTES + 1)
                    )
                except BibliographyError as error:
                    form.add_error("file", error.message)
                else:
                    rows = publications_import(
                        index=form.cleaned_data["index"],
                        rows=rows,
                        user=request.user,
                        dry_run=dry_run,
                    )
                    if all(row.status != ImportStatus.ERROR for row in rows):
                        status = 200
        return render(
            request,
            "research_portal/admin/publication_import.html",
            {
                "form": form,
                "rows": rows,
                "dry_run": dry_run,
                "failed": status != 200,
                "created": sum(
                    row.status == ImportStatus.CREATED for row in rows or ()
                ),
            },
            status=status,
        )
