"""Requests to the town's spaces, on Wagtail's form builder.

A `RequestFormPage` is a form editors build (finance counselling, a
prototyping consultation, a tenancy application), with the purposes a visitor
consents to under the Personal Information Protection Act (개인정보 보호법):
each purpose separately, required or optional, with the items collected and
how long they are kept. A `RequestSubmission` stores the answers, the consent
given, when it must be deleted, and where the request stands
(received → in progress → answered), which its requester can see.
"""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import (
    AbstractForm,
    AbstractFormField,
    AbstractFormSubmission,
)
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index

from .models import SpaceKind


class RequestFormField(AbstractFormField):
    page = ParentalKey(
        "cms.RequestFormPage", on_delete=models.CASCADE, related_name="form_fields"
    )


class ConsentPurpose(Orderable):
    """One purpose the visitor consents to: what is collected, kept how long."""

    page = ParentalKey(
        "cms.RequestFormPage", on_delete=models.CASCADE, related_name="consents"
    )
    purpose = models.CharField(_("purpose"), max_length=200)
    items = models.CharField(_("items collected"), max_length=300)
    retention_months = models.PositiveSmallIntegerField(_("kept for (months)"))
    required = models.BooleanField(_("required"), default=True)

    panels = [
        FieldPanel("purpose"),
        FieldPanel("items"),
        FieldRowPanel([FieldPanel("retention_months"), FieldPanel("required")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("consent purpose")
        verbose_name_plural = _("consent purposes")

    def __str__(self) -> str:
        return self.purpose

    @property
    def field_name(self) -> str:
        return f"consent_{self.pk or self.sort_order}"


class RequestFormPage(AbstractForm):
    """A request form of a space; submissions are kept and answered by staff."""

    space = models.CharField(_("space"), max_length=16, choices=SpaceKind.choices)
    intro = RichTextField(_("introduction"), blank=True)
    thank_you_text = RichTextField(_("text after sending"), blank=True)
    staff_email = models.EmailField(
        _("notify this address"),
        blank=True,
        help_text=_("Empty: every member of staff."),
    )

    content_panels = [
        *AbstractForm.content_panels,
        FieldPanel("space"),
        FieldPanel("intro"),
        InlinePanel("form_fields", label=_("Form fields")),
        InlinePanel("consents", label=_("Consent to personal information")),
        MultiFieldPanel(
            [FieldPanel("thank_you_text"), FieldPanel("staff_email")],
            _("After sending"),
        ),
    ]
    search_fields = [*AbstractForm.search_fields, index.SearchField("intro")]
    parent_page_types = ["cms.TownIndexPage", "cms.HomePage"]
    subpage_types: list[str] = []
    template = "cms/request_form_page.html"
    landing_page_template = "cms/request_form_page_landing.html"

    class Meta:
        verbose_name = _("request form page")

    def get_submission_class(self):
        return RequestSubmission

    def get_form_class(self):
        from .request_forms import request_form_class

        return request_form_class(self, super().get_form_class())

    def serve(self, request, *args, **kwargs):
        from .town_views.requests import request_form_serve

        return request_form_serve(self, request, *args, **kwargs)

    def process_form_submission(self, form):
        raise NotImplementedError("submissions go through request_submit")


class RequestStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    IN_PROGRESS = "in_progress", _("In progress")
    ANSWERED = "answered", _("Answered")


def reference_new() -> str:
    return secrets.token_urlsafe(16)


class RequestSubmission(AbstractFormSubmission):
    """A request as sent, the consent given, and where it stands."""

    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="town_requests",
    )
    email = models.EmailField(_("reply to"), blank=True)
    reference = models.CharField(max_length=32, unique=True, default=reference_new)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=RequestStatus.choices,
        default=RequestStatus.RECEIVED,
        db_index=True,
    )
    answer = models.TextField(pgettext_lazy("request", "answer"), blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status_changed_at = models.DateTimeField(null=True, blank=True)
    consent = models.JSONField(
        _("consent given"),
        default=list,
        help_text="[{purpose, items, retention_months, required, given}] as shown.",
    )
    consented_at = models.DateTimeField(null=True, blank=True)
    retain_until = models.DateTimeField(_("delete after"), db_index=True)
    staff_notified_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta(AbstractFormSubmission.Meta):
        verbose_name = _("request")
        verbose_name_plural = _("requests")
        ordering = ["-submit_time", "-pk"]

    def __str__(self) -> str:
        return f"{self.page_id} · {self.submit_time:%Y-%m-%d}"
