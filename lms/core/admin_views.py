"""Wagtail admin screens that write through services, like every other door.

A `ModelViewSet` (or `SnippetViewSet`) that edits a model with rules mixes in
`ServiceViewSetMixin` and names its services:

    class CourseRunViewSet(ServiceViewSetMixin, ModelViewSet):
        create_service = course_run_create   # (*, actor, fields) -> instance
        update_service = course_run_update   # (*, instance, actor, fields) -> instance

`fields` holds the form's cleaned values of the model's own fields (many-to-many
included), so a service sees exactly what the form may change; inline rows
(InlinePanel) are saved after it, in the same transaction. An error the
service raises becomes a form error, on the field it names (`error.field`) or on
the whole form, and nothing is written: the admin answers 200 with the form,
never 500. Wagtail's history (the `wagtail.create` / `wagtail.edit` log entry)
is written as before.
"""

from django.db import transaction
from wagtail.log_actions import log

from .errors import CampusError


def form_model_fields(form) -> dict:
    """The cleaned values of `form` that are fields of its model."""
    names = {
        field.name
        for field in form._meta.model._meta.get_fields()
        if field.concrete or field.many_to_many
    }
    return {name: value for name, value in form.cleaned_data.items() if name in names}


def form_children_save(form, instance) -> None:
    """Save the inline rows of a Wagtail form (InlinePanel formsets) under the
    instance the service saved, as `form.save()` would have."""
    for formset in getattr(form, "formsets", {}).values():
        formset.instance = instance
        formset.save()


def form_error_add(form, error: CampusError) -> None:
    """Show a service's refusal on the form: on its field if the form has it."""
    field = getattr(error, "field", None)
    form.add_error(field if field in form.fields else None, error.message)


class _ServiceWriteViewMixin:
    """Shared by the add and edit views: a refused write is a form error."""

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except CampusError as error:
            # form_valid's transaction has rolled back: nothing half-written
            form_error_add(form, error)
            self.produced_error_code = "validation_error"
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)


class ServiceCreateViewMixin(_ServiceWriteViewMixin):
    create_service = None

    def save_instance(self):
        if type(self).create_service is None:
            return super().save_instance()
        with transaction.atomic():
            instance = type(self).create_service(
                actor=self.request.user, fields=form_model_fields(self.form)
            )
            form_children_save(self.form, instance)
            self.new_revision = None
            log(instance=instance, action="wagtail.create", user=self.request.user)
        return instance


class ServiceEditViewMixin(_ServiceWriteViewMixin):
    update_service = None

    def save_instance(self):
        if type(self).update_service is None:
            return super().save_instance()
        with transaction.atomic():
            instance = type(self).update_service(
                instance=self.form.instance,
                actor=self.request.user,
                fields=form_model_fields(self.form),
            )
            form_children_save(self.form, instance)
            self.new_revision = None
            log(
                instance=instance,
                action="wagtail.edit",
                user=self.request.user,
                content_changed=self.form.has_changed(),
            )
        return instance


class ServiceViewSetMixin:
    """A viewset whose add and edit views call `create_service` / `update_service`.

    Mix in before `ModelViewSet` / `SnippetViewSet`. Either service may be left
    out (None): that view then saves as Wagtail does, for models without rules.
    """

    create_service = None
    update_service = None

    @property
    def add_view_class(self):
        return type(
            "ServiceCreateView",
            (ServiceCreateViewMixin, super().add_view_class),
            {"create_service": type(self).create_service},
        )

    @property
    def edit_view_class(self):
        return type(
            "ServiceEditView",
            (ServiceEditViewMixin, super().edit_view_class),
            {"update_service": type(self).update_service},
        )
