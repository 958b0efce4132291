"""The PDF: Korean and English text in an embedded Hangul subset, vector
drawing, a QR code a real decoder reads back to the verification URL."""

import io

import pypdf
import pypdfium2
import pytest
import zxingcpp
from django.core.exceptions import ValidationError

from certificates import pdf
from certificates.badges import verify_url
from certificates.fonts import CertificateFontMissing, font_paths
from certificates.models import CertificateTemplate
from certificates.services import private_storage

pytestmark = pytest.mark.django_db


def _pdf_bytes(certificate) -> bytes:
    with private_storage().open(certificate.pdf_name, "rb") as handle:
        return handle.read()


def _text(data: bytes) -> str:
    return pypdf.PdfReader(io.BytesIO(data)).pages[0].extract_text()


def test_the_pdf_text_has_the_korean_name_and_course_title(issued):
    text = _text(_pdf_bytes(issued))
    assert "김하늘" in text
    assert "사회적기업 창업 기초" in text
    assert "Haneul Kim" in text
    assert issued.serial in text
    assert "이수증" in text.replace(" ", "")


def test_the_qr_code_decodes_to_the_verification_url(issued):
    document = pypdfium2.PdfDocument(_pdf_bytes(issued))
    try:
        image = document[0].render(scale=3).to_pil()
    finally:
        document.close()
    decoded = [result.text for result in zxingcpp.read_barcodes(image)]
    assert decoded == [verify_url(issued.code)]
    assert decoded[0] == f"https://campus.example.org/verify/{issued.code}"


def test_the_hangul_font_is_embedded_as_a_truetype_subset(issued):
    reader = pypdf.PdfReader(io.BytesIO(_pdf_bytes(issued)))
    fonts = reader.pages[0]["/Resources"]["/Font"]
    embedded = []
    for ref in fonts.values():
        font = ref.get_object()
        descriptor = font.get("/FontDescriptor")
        if descriptor is None and "/DescendantFonts" in font:
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
        descriptor = descriptor.get_object()
        embedded.append((str(font["/BaseFont"]), "/FontFile2" in descriptor))
    assert embedded and all(has_file for _name, has_file in embedded)
    # a subset: the six-letter tag reportlab gives subsets, not the whole font
    assert all("+" in name for name, _ in embedded)
    assert len(_pdf_bytes(issued)) < 250_000  # the font is 4.7 MB whole


def test_the_page_is_vector_with_no_images_without_logo_or_seal(issued):
    reader = pypdf.PdfReader(io.BytesIO(_pdf_bytes(issued)))
    page = reader.pages[0]
    forms = page["/Resources"]["/XObject"]
    kinds = {str(x.get_object()["/Subtype"]) for x in forms.values()}
    assert kinds == {"/Form"}  # the background, drawn with paths
    assert float(page.mediabox.width) > float(page.mediabox.height)  # landscape
    assert round(float(page.mediabox.width)) == 842  # A4


def test_the_background_is_compiled_once_per_template_version(issued, monkeypatch):
    calls = []
    compile_background = pdf.background_compile
    # the cache and the compiler it calls live in the background module
    monkeypatch.setattr(
        pdf.background, "_backgrounds", type(pdf.background._backgrounds)()
    )
    monkeypatch.setattr(
        pdf.background,
        "background_compile",
        lambda spec: calls.append(spec) or compile_background(spec),
    )
    for _ in range(3):
        pdf.certificate_pdf_render(issued)
    assert len(calls) == 1
    template = issued.template
    template.primary_colour = "#224466"
    template.save()
    issued.refresh_from_db()
    pdf.certificate_pdf_render(issued)
    assert len(calls) == 2


def test_placeholders_are_filled_and_unknown_ones_refused():
    from certificates.placeholders import placeholders_fill

    assert (
        placeholders_fill(
            "{learner_name} {{x}} {course}",
            {"learner_name": "김", "course": "협동조합"},
        )
        == "김 {x} 협동조합"
    )
    template = CertificateTemplate(name="t", body_ko="{learner_name}님 {password}")
    with pytest.raises(ValidationError) as error:
        template.full_clean()
    assert "{password}" in str(error.value)


def test_a_missing_font_is_a_clear_error(settings, tmp_path):
    settings.CERTIFICATES_FONT_REGULAR = str(tmp_path / "missing.ttf")
    settings.CERTIFICATES_FONT_BOLD = str(tmp_path / "missing-bold.ttf")
    with pytest.raises(CertificateFontMissing) as error:
        font_paths()
    assert "missing.ttf" in str(error.value)
    from certificates.checks import certificate_font_check

    assert [message.id for message in certificate_font_check(None)] == [
        "certificates.E001"
    ]


def test_the_template_preview_is_a_pdf_of_sample_data(admin_client):
    template = CertificateTemplate.objects.get(is_default=True)
    response = template.serve_preview(None, "")
    assert response["Content-Type"] == "application/pdf"
    assert "홍길동" in _text(response.content)
