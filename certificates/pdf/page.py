"""The page: one certificate drawn over its compiled background."""

import io

import qrcode
from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from ..fonts import fonts_register
from ..placeholders import placeholders_fill
from .background import _f, _rgb, background_compile, background_for
from .content import (
    INK,
    MUTED,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    TEXT_WIDTH,
    CertificateContent,
    TemplateSpec,
    body_values,
    date_en,
    date_ko,
    number_text,
    short_date,
)


def qr_operators(data: str, x: float, y: float, size: float) -> str:
    """The QR code as filled rectangles, one per run of dark modules in a row."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=0)
    code.add_data(data)
    code.make(fit=True)
    matrix = code.get_matrix()
    count = len(matrix)
    module = size / count
    ops = ["q 0 0 0 rg"]
    for row_index, row in enumerate(matrix):
        top = y + size - (row_index + 1) * module
        column = 0
        while column < count:
            if row[column]:
                start = column
                while column < count and row[column]:
                    column += 1
                ops.append(
                    f"{_f(x + start * module)} {_f(top)} "
                    f"{_f((column - start) * module)} {_f(module)} re"
                )
            else:
                column += 1
    ops.append("f Q")
    return "\n".join(ops)


def _centred(
    canvas: Canvas,
    text: str,
    y: float,
    font: str,
    size: float,
    colour=INK,
    char_space: float = 0,
) -> None:
    canvas.setFillColorRGB(*colour)
    if not char_space:
        canvas.setFont(font, size)
        canvas.drawCentredString(PAGE_WIDTH / 2, y, text)
        return
    # letter-spaced titles: the spacing is text state, so it is saved and restored
    width = stringWidth(text, font, size) + char_space * max(len(text) - 1, 0)
    canvas.saveState()
    text_object = canvas.beginText((PAGE_WIDTH - width) / 2, y)
    text_object.setFont(font, size)
    text_object.setCharSpace(char_space)
    text_object.textOut(text)
    canvas.drawText(text_object)
    canvas.restoreState()


def _paragraph(
    canvas: Canvas,
    text: str,
    top: float,
    font: str,
    size: float,
    leading: float,
    colour=INK,
) -> float:
    """Centred lines wrapped to TEXT_WIDTH; returns the baseline after the last."""
    canvas.setFillColorRGB(*colour)
    canvas.setFont(font, size)
    y = top
    for line in simpleSplit(text, font, size, TEXT_WIDTH):
        canvas.drawCentredString(PAGE_WIDTH / 2, y, line)
        y -= leading
    return y


def _fit(image: ImageReader, box_w: float, box_h: float) -> tuple[float, float]:
    iw, ih = image.getSize()
    scale = min(box_w / iw, box_h / ih)
    return iw * scale, ih * scale


def render(
    spec: TemplateSpec, content: CertificateContent, *, cache_background: bool = True
) -> bytes:
    """One certificate as PDF bytes."""
    regular, bold = fonts_register()
    background = background_for(spec) if cache_background else background_compile(spec)
    buffer = io.BytesIO()
    # the initial font too is ours: no unembedded Helvetica in the resources
    canvas = Canvas(
        buffer,
        pagesize=(PAGE_WIDTH, PAGE_HEIGHT),
        invariant=1,
        initialFontName=regular,
    )
    canvas.setTitle(f"{spec.title_ko} {content.serial}")
    canvas.setAuthor(spec.issuer_ko)
    canvas.setSubject(f"{content.course_ko} · {content.learner_name_ko}")
    canvas.setCreator("Campus")
    w, h = PAGE_WIDTH, PAGE_HEIGHT
    primary, accent = _rgb(spec.primary), _rgb(spec.accent)

    canvas.beginForm("campus-background")
    canvas.addLiteral(background.operators)
    if background.logo is not None:
        lw, lh = _fit(background.logo, 110, 56)
        canvas.drawImage(background.logo, 52, h - 52 - lh, lw, lh, mask="auto")
    canvas.endForm()
    canvas.doForm("campus-background")

    # serial number, top right
    canvas.setFillColorRGB(*MUTED)
    canvas.setFont(regular, 9)
    canvas.drawRightString(w - 52, h - 58, f"제 {content.serial} 호")
    canvas.drawRightString(w - 52, h - 70, f"No. {content.serial}")

    _centred(canvas, spec.title_ko, h - 118, bold, 38, INK, char_space=14)
    _centred(
        canvas, spec.title_en.upper(), h - 145, regular, 13, primary, char_space=2.5
    )

    name_en = content.learner_name_en
    _centred(canvas, content.learner_name_ko, h - 206, bold, 28)
    if name_en and name_en != content.learner_name_ko:
        _centred(canvas, name_en, h - 228, regular, 13, MUTED)

    values_ko = body_values(content, korean=True, issuer=spec.issuer_ko)
    values_en = body_values(content, korean=False, issuer=spec.issuer_en)
    y = _paragraph(
        canvas, placeholders_fill(spec.body_ko, values_ko), h - 268, regular, 13, 20
    )
    _paragraph(
        canvas,
        placeholders_fill(spec.body_en, values_en),
        y - 4,
        regular,
        10,
        14,
        MUTED,
    )

    period = " – ".join(
        part
        for part in (short_date(content.start_date), short_date(content.end_date))
        if part
    )
    details = [f"이수 시간 Credit hours  {number_text(content.hours)}"]
    if period:
        details.insert(0, f"교육 기간 Period  {period}")
    details.append(f"이수일 Completed  {short_date(content.completion_date)}")
    _centred(canvas, "     ·     ".join(details), 196, regular, 9, MUTED)

    _centred(canvas, date_ko(content.issued_on), 166, bold, 12)
    _centred(canvas, date_en(content.issued_on), 153, regular, 9, MUTED)

    issuer_width = stringWidth(spec.issuer_ko, bold, 15)
    _centred(canvas, spec.issuer_ko, 122, bold, 15)
    _centred(canvas, spec.issuer_en, 108, regular, 9, MUTED)
    if background.seal is not None:
        sw, sh = _fit(background.seal, 58, 58)
        canvas.drawImage(
            background.seal,
            w / 2 + issuer_width / 2 - sw / 2 + 8,
            98,
            sw,
            sh,
            mask="auto",
        )

    signatories = spec.signatories[:3]
    if signatories:
        column = 170
        left = w / 2 - column * len(signatories) / 2
        for index, signatory in enumerate(signatories):
            cx = left + column * (index + 0.5)
            image = (
                background.signatures[index]
                if index < len(background.signatures)
                else None
            )
            if image is not None:
                iw, ih = _fit(image, 110, 30)
                canvas.drawImage(image, cx - iw / 2, 70, iw, ih, mask="auto")
            canvas.setStrokeColorRGB(*MUTED)
            canvas.setLineWidth(0.5)
            canvas.line(cx - 60, 68, cx + 60, 68)
            canvas.setFillColorRGB(*INK)
            canvas.setFont(bold, 10)
            canvas.drawCentredString(
                cx, 56, f"{signatory.title_ko} {signatory.name_ko}"
            )
            english = ", ".join(p for p in (signatory.name_en, signatory.title_en) if p)
            if english:
                canvas.setFillColorRGB(*MUTED)
                canvas.setFont(regular, 7.5)
                canvas.drawCentredString(cx, 46, english)

    # the QR code to the public verification page, bottom right
    qr_size = 70
    qr_x, qr_y = w - 52 - qr_size, 50
    canvas.addLiteral(qr_operators(content.verify_url, qr_x, qr_y, qr_size))
    canvas.setFillColorRGB(*accent)
    canvas.setFont(regular, 7)
    canvas.drawCentredString(
        qr_x + qr_size / 2, qr_y + qr_size + 6, "진위 확인 · Verify"
    )
    canvas.setFillColorRGB(*MUTED)
    canvas.setFont(regular, 5.5)
    canvas.drawRightString(w - 52, qr_y - 9, content.verify_url)

    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
