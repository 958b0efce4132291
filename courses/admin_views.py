"""The question bank in the Wagtail admin: each instructor sees their courses only.

Model permissions (add, change, delete question) say who may use the screens;
these views narrow every list, form and object to the courses the person
teaches, so instructor A never sees, edits or deletes instructor B's questions.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import ObjectList
from wagtail.admin.views.generic import DeleteView, EditView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet

from .models import Question
from .selectors import course_list_editable, question_list_editable


class QuestionForm(WagtailAdminModelForm):
    """Offers only the courses the editor may put questions in."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        if for_user is not None and "course" in self.fields:
            self.fields["course"].queryset = course_list_editable(user=for_user)


class _Editable:
    def get_queryset(self):
        return question_list_editable(user=self.request.user)


class QuestionIndexView(IndexView):
    def get_base_queryset(self):
        return question_list_editable(user=self.request.user)


class QuestionEditView(_Editable, EditView):
    pass


class QuestionDeleteView(_Editable, DeleteView):
    pass


class QuestionViewSet(ModelViewSet):
    model = Question
    icon = "help"
    menu_label = _("Question bank")
    menu_order = 205
    add_to_admin_menu = True
    list_display = ["text", "type", "course", "points"]
    list_filter = ["type"]
    search_fields = ["text"]
    index_view_class = QuestionIndexView
    edit_view_class = QuestionEditView
    delete_view_class = QuestionDeleteView
    copy_view_enabled = False
    inspect_view_enabled = False

    def get_edit_handler(self):
        return ObjectList(Question.panels, base_form_class=QuestionForm).bind_to_model(
            Question
        )
