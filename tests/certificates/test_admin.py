"""The admin: templates as snippets with a PDF preview, course settings,
one default template, and staff's permissions."""

import pytest
from django.urls import reverse

from certificates.models import CertificateTemplate, CourseCertificate

pytestmark = pytest.mark.django_db


def test_staff_may_edit_templates_and_course_settings(staff):
    for codename in (
        "change_certificatetemplate",
        "add_coursecertificate",
        "change_certificatesignatory",
    ):
        assert staff.has_perm(f"certificates.{codename}"), codename


def test_the_admin_lists_and_edits_templates(admin_client):
    template = CertificateTemplate.objects.get(is_default=True)
    listing = admin_client.get(
        reverse("wagtailsnippets_certificates_certificatetemplate:list")
    )
    assert listing.status_code == 200
    assert template.name in listing.content.decode()
    edit = admin_client.get(
        reverse(
            "wagtailsnippets_certificates_certificatetemplate:edit", args=[template.pk]
        )
    )
    assert edit.status_code == 200
    assert "{learner_name}" in edit.content.decode()  # the placeholder help


def test_the_course_settings_admin(admin_client, course):
    CourseCertificate.objects.create(course=course, issue_on_completion=False)
    response = admin_client.get(reverse("course_certificates:index"))
    assert response.status_code == 200
    assert course.title in response.content.decode()


def test_making_a_template_the_default_retires_the_old_default():
    from certificates.services import certificate_template_create

    old = CertificateTemplate.objects.get(is_default=True)
    new = certificate_template_create(fields={"name": "새 기본", "is_default": True})
    old.refresh_from_db()
    assert not old.is_default and new.is_default
    assert CertificateTemplate.objects.filter(is_default=True).count() == 1


def test_a_course_setting_chooses_the_template(run, enrollment, course):
    from certificates.services import certificate_issue

    special = CertificateTemplate.objects.create(name="합숙", title_ko="수료증")
    CourseCertificate.objects.create(course=course, template=special)
    certificate, _ = certificate_issue(enrollment_id=enrollment.pk)
    assert certificate.template == special


def _form_data(form, **changes) -> dict:
    """What the browser posts for an unbound admin form, with `changes`."""
    data = {}
    for name in form.fields:
        value = form[name].value()
        if isinstance(value, bool) or value is None:
            if value:
                data[name] = "on"
            continue
        data[name] = value
    for prefix, formset in form.formsets.items():
        data.update(
            {
                f"{prefix}-{key}": value
                for key, value in formset.management_form.initial.items()
            }
        )
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_the_template_form_saves_through_the_service_with_its_signatories(
    admin_client,
):
    """Ticking 'default' in the admin retires the old default (the service's
    rule, once in the model's save) and the inline signatory is kept."""
    from certificates.services import certificate_template_create

    old = CertificateTemplate.objects.get(is_default=True)
    template = certificate_template_create(
        fields={"name": "합숙 과정", "title_ko": "수료증"}
    )
    url = reverse(
        "wagtailsnippets_certificates_certificatetemplate:edit", args=[template.pk]
    )
    form = admin_client.get(url).context["form"]
    data = _form_data(
        form,
        is_default="on",
        **{
            "signatories-TOTAL_FORMS": "1",
            "signatories-0-name_ko": "김원장",
            "signatories-0-name_en": "Won Kim",
            "signatories-0-title_ko": "원장",
            "signatories-0-title_en": "Director",
            "signatories-0-ORDER": "1",
        },
    )
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    old.refresh_from_db()
    template.refresh_from_db()
    assert template.is_default and not old.is_default
    assert list(template.signatories.values_list("name_ko", flat=True)) == ["김원장"]
