"""PDFs of publications: reading their text for search, and writing demo ones.

Text is read with pypdf. Demo PDFs embed the NanumGothic TrueType font that
the setup installs (requirements-fonts.txt), so that their Korean text is
real text a reader and the extractor both see.
"""

import importlib.util
import io
from pathlib import Path

FONT_NAME = "ResearchHangul"
_registered = False


def pdf_text(data: bytes, *, max_chars: int = 200_000) -> tuple[str, int]:
    """The text of a PDF and its page count (an unreadable PDF gives "", 0)."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        pages = len(reader.pages)
        text = []
        size = 0
        for page in reader.pages:
            chunk = page.extract_text() or ""
            text.append(chunk)
            size += len(chunk)
            if size >= max_chars:
                break
        return "\n".join(text)[:max_chars], pages
    except (PyPdfError, ValueError, OSError):
        return "", 0


def _font() -> str:
    global _registered
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if not _registered:
        spec = importlib.util.find_spec("koreanize_matplotlib")
        if spec is None or not spec.submodule_search_locations:
            raise RuntimeError(
                "The Hangul font is not installed: run `make install` "
                "(requirements-fonts.txt)."
            )
        path = Path(next(iter(spec.submodule_search_locations))) / "fonts"
        pdfmetrics.registerFont(TTFont(FONT_NAME, str(path / "NanumGothic.ttf")))
        _registered = True
    return FONT_NAME


def pdf_with_text(*, title: str, paragraphs: list[str]) -> bytes:
    """A small A4 PDF with a title and paragraphs, Hangul embedded."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    font = _font()
    buffer = io.BytesIO()
    document = SimpleDocTemplate(buffer, pagesize=A4, title=title)
    heading = ParagraphStyle("h", fontName=font, fontSize=16, leading=22)
    body = ParagraphStyle("b", fontName=font, fontSize=10.5, leading=16)
    story = [Paragraph(title, heading), Spacer(1, 12)]
    for text in paragraphs:
        story += [Paragraph(text, body), Spacer(1, 8)]
    document.build(story)
    return buffer.getvalue()
