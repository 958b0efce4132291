"""A Wagtail chooser for django-filer files, so editors pick library files in pages.

The viewset gives a modal chooser in the admin, a form widget that FieldPanel
uses for any foreign key to `filer.File`, and a StreamField block.
"""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.chooser import ChooseResultsView, ChooseView
from wagtail.admin.viewsets.chooser import ChooserViewSet


class FilerFileFilterForm(BaseFilterForm):
    q = forms.CharField(
        label=_("Search term"),
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("Search")}),
    )

    def filter(self, objects):
        objects = super().filter(objects)
        term = self.cleaned_data.get("q")
        if term:
            objects = objects.filter(
                Q(name__icontains=term)
                | Q(original_filename__icontains=term)
                | Q(description__icontains=term)
            )
            self.is_searching = True
            self.search_query = term
        return objects


class FilerFileChooseViewMixin:
    filter_form_class = FilerFileFilterForm

    def get_object_list(self):
        return self.model_class.objects.select_related("folder").order_by(
            "-uploaded_at"
        )

    @property
    def columns(self):
        return [
            self.title_column,
            Column("folder", label=_("Folder"), accessor="folder"),
            Column("extension", label=_("Type"), accessor="extension"),
            Column("uploaded_at", label=_("Uploaded"), accessor="uploaded_at"),
        ]


class FilerFileChooseView(FilerFileChooseViewMixin, ChooseView):
    pass


class FilerFileChooseResultsView(FilerFileChooseViewMixin, ChooseResultsView):
    pass


class FilerFileChooserViewSet(ChooserViewSet):
    model = "filer.File"
    icon = "doc-full"
    choose_view_class = FilerFileChooseView
    choose_results_view_class = FilerFileChooseResultsView
    choose_one_text = _("Choose a file from the library")
    choose_another_text = _("Choose another file")
    edit_item_text = _("Edit this file")
    per_page = 20


filer_file_chooser_viewset = FilerFileChooserViewSet("filer_file_chooser")
