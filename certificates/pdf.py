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

import datetime as dt
import io
import math
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from decimal import Decimal

import qrcode
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from .fonts import fonts_register
from .placeholders import placeholders_fill

PAGE_WIDTH, PAGE_HEIGHT = landscape(A4)
MARGIN = 18
TEXT_WIDTH = 600
INK = (0.106, 0.122, 0.141)
MUTED = (0.29, 0.325, 0.376)
BACKGROUND_CACHE_SIZE = 32


# --- what a certificate needs, free of Django ---------------------------------------


@dataclass(frozen=True)
class SignatorySpec:
    name_ko: str
    title_ko: str
    name_en: str = ""
    title_en: str = ""
    signature: bytes | None = None  # PNG or JPEG


@dataclass(frozen=True)
class TemplateSpec:
    """A template as the drawing needs it; `key` names its version for the cache."""

    key: str
    title_ko: str
    title_en: str
    body_ko: str
    body_en: str
    issuer_ko: str
    issuer_en: str
    primary: str = "#0f6b4f"
    accent: str = "#b3471b"
    show_pattern: bool = True
    logo: bytes | None = None
    seal: bytes | None = None
    signatories: tuple[SignatorySpec, ...] = ()


@dataclass(frozen=True)
class CertificateContent:
    """What one certificate says."""

    serial: str
    verify_url: str
    learner_name_ko: str
    learner_name_en: str
    course_ko: str
    course_en: str
    hours: Decimal
    run_title: str = ""
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    completion_date: dt.date | None = None
    grade: Decimal | None = None
    issued_on: dt.date = field(default_factory=dt.date.today)


# --- formatting ---------------------------------------------------------------------

MONTHS_EN = (
    "January February March April May June July August September October "
    "November December"
).split()


def date_ko(day: dt.date | None) -> str:
    return f"{day.year}년 {day.month}월 {day.day}일" if day else ""


def date_en(day: dt.date | None) -> str:
    return f"{day.day} {MONTHS_EN[day.month - 1]} {day.year}" if day else ""


def short_date(day: dt.date | None) -> str:
    return f"{day.year}. {day.month}. {day.day}." if day else ""


def number_text(value: Decimal | None) -> str:
    """24.0 → "24", 12.5 → "12.5"."""
    if value is None:
        return ""
    value = Decimal(value)
    if value == value.to_integral_value():
        return str(int(value))
    return f"{value.normalize():f}"


def body_values(content: CertificateContent, *, korean: bool, issuer: str) -> dict:
    date = date_ko if korean else date_en
    return {
        "learner_name": content.learner_name_ko
        if korean
        else (content.learner_name_en or content.learner_name_ko),
        "course": content.course_ko if korean else content.course_en,
        "hours": number_text(content.hours),
        "start_date": date(content.start_date or content.completion_date),
        "end_date": date(content.end_date or content.completion_date),
        "completion_date": date(content.completion_date),
        "grade": number_text(content.grade),
        "run": content.run_title,
        "issuer": issuer,
    }


def _rgb(colour: str) -> tuple[float, float, float]:
    colour = colour.lstrip("#")
    return tuple(int(colour[i : i + 2], 16) / 255 for i in (0, 2, 4))


def _tint(colour: str, amount: float) -> tuple[float, float, float]:
    """`colour` mixed with white: amount 0 is the colour, 1 is white."""
    return tuple(c + (1 - c) * amount for c in _rgb(colour))


def _f(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _colour(rgb: tuple[float, float, float], operator: str) -> str:
    """A colour operator: `RG` strokes, `rg` fills."""
    return " ".join(_f(c) for c in rgb) + f" {operator}"


# --- the static background, compiled once per template version ----------------------


@dataclass
class Background:
    """PDF operators for the frame and pattern, and the decoded images."""

    operators: str
    logo: ImageReader | None = None
    seal: ImageReader | None = None
    signatures: tuple[ImageReader | None, ...] = ()


def _guilloche(cx: float, cy: float, radius: float, petals: int, curves: int) -> list:
    """Closed rosette curves (hypotrochoid-like), each a list of points."""
    paths = []
    steps = 240
    for curve in range(curves):
        phase = 2 * math.pi * curve / curves / petals
        points = []
        for step in range(steps + 1):
            t = 2 * math.pi * step / steps
            r = radius * (0.78 + 0.22 * math.cos(petals * t + phase))
            wobble = 0.06 * radius * math.sin(3 * petals * t - phase)
            points.append(
                (cx + (r + wobble) * math.cos(t), cy + (r + wobble) * math.sin(t))
            )
        paths.append(points)
    return paths


def _wave(x0: float, y0: float, x1: float, y1: float, amplitude: float, period: float):
    """A sine wave along the rectangle's edges, as one closed path of points."""
    points = []
    edges = [((x0, y0), (x1, y0)), ((x1, y0), (x1, y1)), ((x1, y1), (x0, y1))]
    edges.append(((x0, y1), (x0, y0)))
    for (ax, ay), (bx, by) in edges:
        length = math.hypot(bx - ax, by - ay)
        nx, ny = (ay - by) / length, (bx - ax) / length
        steps = max(int(length / 4), 1)
        for step in range(steps):
            s = step / steps
            offset = amplitude * math.sin(2 * math.pi * s * length / period)
            points.append(
                (ax + (bx - ax) * s + nx * offset, ay + (by - ay) * s + ny * offset)
            )
    return points


def _path_ops(points: list, *, close: bool) -> str:
    first, *rest = points
    ops = [f"{_f(first[0])} {_f(first[1])} m"]
    ops += [f"{_f(x)} {_f(y)} l" for x, y in rest]
    ops.append("h S" if close else "S")
    return "\n".join(ops)


def background_operators(spec: TemplateSpec) -> str:
    """The frame, corner marks and security pattern as PDF content operators."""
    w, h = PAGE_WIDTH, PAGE_HEIGHT
    primary, accent = _rgb(spec.primary), _rgb(spec.accent)
    ops = ["q"]
    if spec.show_pattern:
        ops.append(_colour(_tint(spec.primary, 0.9), "RG") + " 0.3 w")
        for points in _guilloche(w / 2, h / 2 - 14, 175, 9, 14):
            ops.append(_path_ops(points, close=True))
        ops.append(_colour(_tint(spec.accent, 0.8), "RG") + " 0.3 w")
        ops.append(
            _path_ops(
                _wave(MARGIN + 4, MARGIN + 4, w - MARGIN - 4, h - MARGIN - 4, 1.6, 9),
                close=True,
            )
        )
    # the frame: a strong outer line and a fine inner one
    ops.append(_colour(primary, "RG") + " 2.4 w")
    ops.append(f"{MARGIN} {MARGIN} {_f(w - 2 * MARGIN)} {_f(h - 2 * MARGIN)} re S")
    inner = MARGIN + 9
    ops.append(_colour(primary, "RG") + " 0.7 w")
    ops.append(f"{inner} {inner} {_f(w - 2 * inner)} {_f(h - 2 * inner)} re S")
    # corner marks in the accent colour
    ops.append(_colour(accent, "rg"))
    for x, y in (
        (inner, inner),
        (w - inner, inner),
        (inner, h - inner),
        (w - inner, h - inner),
    ):
        ops.append(
            f"{_f(x)} {_f(y + 6)} m {_f(x + 6)} {_f(y)} l {_f(x)} {_f(y - 6)} l "
            f"{_f(x - 6)} {_f(y)} l h f"
        )
    # the rule under the title
    ops.append(_colour(accent, "RG") + " 1.2 w")
    ops.append(f"{_f(w / 2 - 60)} {_f(h - 158)} m {_f(w / 2 + 60)} {_f(h - 158)} l S")
    ops.append("Q")
    return "\n".join(ops)


def _image(data: bytes | None) -> ImageReader | None:
    if not data:
        return None
    reader = ImageReader(io.BytesIO(data))
    reader.getRGBData()  # decode now, once, not in every certificate
    return reader


def background_compile(spec: TemplateSpec) -> Background:
    return Background(
        operators=background_operators(spec),
        logo=_image(spec.logo),
        seal=_image(spec.seal),
        signatures=tuple(_image(s.signature) for s in spec.signatories),
    )


_backgrounds: OrderedDict[str, Background] = OrderedDict()
_backgrounds_lock = threading.Lock()


def background_for(spec: TemplateSpec) -> Background:
    """The compiled background of `spec`'s version, built on first use."""
    with _backgrounds_lock:
        background = _backgrounds.get(spec.key)
        if background is not None:
            _backgrounds.move_to_end(spec.key)
            return background
    background = background_compile(spec)
    with _backgrounds_lock:
        _backgrounds[spec.key] = background
        while len(_backgrounds) > BACKGROUND_CACHE_SIZE:
            _backgrounds.popitem(last=False)
    return background


# --- the page -----------------------------------------------------------------------


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


# --- from the models ----------------------------------------------------------------

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
        from .models import CertificateTemplate

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
    from .badges import verify_url

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
