"""The project's form renderer (FORM_RENDERER): Django's templates, with one
change to how fields are labelled.

A checkbox's label reads as a statement beside the box ("Remember me",
"가능하면 같은 소속 기관"), so it takes no colon; other labels keep theirs.
"""

from django.forms.boundfield import BoundField
from django.forms.renderers import DjangoTemplates


class CampusBoundField(BoundField):
    def label_tag(self, contents=None, attrs=None, label_suffix=None, tag=None):
        if label_suffix is None and self.widget_type == "checkbox":
            label_suffix = ""
        return super().label_tag(contents, attrs, label_suffix, tag)


class CampusFormRenderer(DjangoTemplates):
    bound_field_class = CampusBoundField
