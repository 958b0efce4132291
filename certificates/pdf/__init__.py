"""Drawing a certificate as a one-page A4 landscape PDF with reportlab.

Korean and English are set together in an embedded TrueType subset (see
`fonts`). Everything is vector: text, frame, security pattern and the QR code
to the public verification page; only uploaded logos, seals and signatures
are images.

What does not change from one certificate to the next (frame, guilloche
pattern, images) is compiled once per template version into a `Background`
and kept in memory: drawing a certificate then writes that background as one
form XObject and sets the learner's text over it. `render` knows nothing of
Django models; `certificate_pdf_render` and `certificate_sample_render` feed
it from them.
"""

from .background import (
    Background,
    background_compile,
    background_for,
    background_operators,
)
from .content import (
    BACKGROUND_CACHE_SIZE,
    INK,
    MARGIN,
    MONTHS_EN,
    MUTED,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    TEXT_WIDTH,
    CertificateContent,
    SignatorySpec,
    TemplateSpec,
    body_values,
    date_en,
    date_ko,
    number_text,
    short_date,
)
from .page import (
    qr_operators,
    render,
)
from .sources import (
    certificate_content,
    certificate_pdf_render,
    certificate_sample_render,
    template_spec_for,
)

__all__ = [
    "BACKGROUND_CACHE_SIZE",
    "Background",
    "CertificateContent",
    "INK",
    "MARGIN",
    "MONTHS_EN",
    "MUTED",
    "PAGE_HEIGHT",
    "PAGE_WIDTH",
    "SignatorySpec",
    "TEXT_WIDTH",
    "TemplateSpec",
    "background_compile",
    "background_for",
    "background_operators",
    "body_values",
    "certificate_content",
    "certificate_pdf_render",
    "certificate_sample_render",
    "date_en",
    "date_ko",
    "number_text",
    "qr_operators",
    "render",
    "short_date",
    "template_spec_for",
]
