from django import forms
from django.utils.translation import gettext_lazy as _

from courses.models import CourseLanguage, Delivery, LearningMode, Level

from .models import REQUEST_REASON_MAX
from .selectors import CatalogQuery, runs_in_language


class _RunChoiceIterator(forms.models.ModelChoiceIterator):
    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for run in runs_in_language(self.queryset):
            yield self.choice(run)


class RunChoiceField(forms.ModelChoiceField):
    """A course run to choose, each labelled with its course in the reader's
    language (one query more in a language other than the courses')."""

    iterator = _RunChoiceIterator


class CatalogFilterForm(forms.Form):
    """The catalog's search box and facets; bad values are dropped, not errors."""

    q = forms.CharField(label=_("Search courses"), required=False, max_length=100)
    learning_mode = forms.ChoiceField(
        label=_("Learning mode"),
        required=False,
        choices=[("", _("All"))] + LearningMode.choices,
    )
    delivery = forms.ChoiceField(
        label=_("Delivery"), required=False, choices=[("", _("All"))] + Delivery.choices
    )
    level = forms.ChoiceField(
        label=_("Level"), required=False, choices=[("", _("All"))] + Level.choices
    )
    course_language = forms.ChoiceField(
        label=_("Language"),
        required=False,
        choices=[("", _("All"))] + CourseLanguage.choices,
    )
    category = forms.IntegerField(label=_("Category"), required=False, min_value=1)
    upcoming = forms.BooleanField(label=_("Starting soon or under way"), required=False)
    seats = forms.BooleanField(label=_("Seats left"), required=False)
    # rendered by the provider that knows the choices (lms.partners)
    offered_by = forms.SlugField(required=False, max_length=50)
    page = forms.IntegerField(required=False, min_value=1)

    def catalog_query(self) -> CatalogQuery:
        if not self.is_bound:
            return CatalogQuery()
        self.is_valid()
        data = {
            name: value
            for name, value in self.cleaned_data.items()
            if name not in self.errors and value not in (None, "")
        }
        return CatalogQuery(**data)


class EnrollForm(forms.Form):
    invitation_code = forms.CharField(
        label=_("Invitation code"), required=False, max_length=64
    )
    reason = forms.CharField(
        label=_("Reason for applying"),
        required=False,
        max_length=REQUEST_REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class CsvImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "One e-mail address per row under an 'email' heading; UTF-8. At most 1 MB."
        ),
    )

    MAX_BYTES = 1024 * 1024

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".csv"):
            raise forms.ValidationError(_("Upload a .csv file."))
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 1 MB."))
        return upload
