"""The drawing fed from the models: template specs, certificate content, and the
renders the rest of Campus calls.
"""

import datetime as dt
import threading
from collections import OrderedDict
from decimal import Decimal

from .content import (
    BACKGROUND_CACHE_SIZE,
    CertificateContent,
    SignatorySpec,
    TemplateSpec,
)
from .page import render

_specs: OrderedDict[str, TemplateSpec] = OrderedDict()
_specs_lock = threading.Lock()


def _image_bytes(image) -> bytes | None:
    """A print-sized PNG rendition of a Wagtail image (keeps transparency)."""
    if image is None:
        return None
    rendition = image.get_rendition("max-800x800|format-png")
    with rendition.file.open("rb") as handle:
        return handle.read()


def _template_key(template) -> str:
    if template is None:
        return "builtin"
    return (
        f"{template.pk}:{template.updated_at.isoformat()}:"
        f"{template.logo_id}:{template.seal_id}"
    )


def _spec_build(template, *, key: str) -> TemplateSpec:
    signatories = tuple(
        SignatorySpec(
            name_ko=s.name_ko,
            name_en=s.name_en,
            title_ko=s.title_ko,
            title_en=s.title_en,
            signature=_image_bytes(s.signature),
        )
        for s in template.signatories.all()
    )
    return TemplateSpec(
        key=key,
        title_ko=template.title_ko,
        title_en=template.title_en,
        body_ko=template.body_ko,
        body_en=template.body_en,
        issuer_ko=template.issuer_name_ko,
        issuer_en=template.issuer_name_en,
        primary=template.primary_colour,
        accent=template.accent_colour,
        show_pattern=template.show_pattern,
        logo=_image_bytes(template.logo),
        seal=_image_bytes(template.seal),
        signatories=signatories,
    )


def template_spec_for(template) -> TemplateSpec:
    """The drawing's view of a CertificateTemplate (None: the built-in design),
    built once per template version: images and signatories are read then."""
    key = _template_key(template)
    with _specs_lock:
        spec = _specs.get(key)
    if spec is not None:
        return spec
    if template is None:
        from ..models import CertificateTemplate

        template = CertificateTemplate(name="builtin")
    spec = _spec_build(template, key=key)
    with _specs_lock:
        _specs[key] = spec
        while len(_specs) > BACKGROUND_CACHE_SIZE:
            _specs.popitem(last=False)
    return spec


def certificate_content(certificate, *, verify_url: str) -> CertificateContent:
    from django.utils import timezone

    return CertificateContent(
        serial=certificate.serial,
        verify_url=verify_url,
        learner_name_ko=certificate.learner_name_ko,
        learner_name_en=certificate.learner_name_en,
        course_ko=certificate.course_title_ko,
        course_en=certificate.course_title_en,
        hours=certificate.credit_hours,
        run_title=certificate.run_title,
        start_date=certificate.started_on,
        end_date=certificate.ended_on,
        completion_date=certificate.completed_on,
        grade=certificate.grade,
        issued_on=timezone.localdate(certificate.issued_at),
    )


def certificate_pdf_render(certificate) -> bytes:
    """The PDF of an issued certificate, from what it recorded when issued."""
    from ..badges import verify_url

    spec = template_spec_for(certificate.template)
    return render(
        spec, certificate_content(certificate, verify_url=verify_url(certificate.code))
    )


def certificate_sample_render(*, template) -> bytes:
    """A sample certificate for the template's preview in the admin."""
    from django.utils import timezone

    today = timezone.localdate()
    # a preview shows the form's unsaved edits: never cached
    spec = _spec_build(template, key="preview")
    content = CertificateContent(
        serial="SAMPLE-0000-000000",
        verify_url="https://campus.example/verify/sample",
        learner_name_ko="홍길동",
        learner_name_en="Gildong Hong",
        course_ko="사회적기업 창업 기초",
        course_en="Social Enterprise Start-up Basics",
        hours=Decimal("24"),
        run_title="2기",
        start_date=today - dt.timedelta(days=42),
        end_date=today,
        completion_date=today,
        grade=Decimal("92.5"),
        issued_on=today,
    )
    return render(spec, content, cache_background=False)
