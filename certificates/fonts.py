"""The Hangul font drawn into every certificate, embedded as a subset.

reportlab's built-in Korean CID fonts are not embedded: a reader without
Korean fonts shows boxes. So certificates embed a TrueType font instead:
NanumGothic (SIL Open Font License 1.1), which the project's setup installs
from PyPI (the `koreanize-matplotlib` wheel ships the .ttf files; `make
install` installs it without its matplotlib dependency, see
requirements-fonts.txt). No system font is assumed. Other TrueType fonts can
be used with CERTIFICATES_FONT_REGULAR / CERTIFICATES_FONT_BOLD (paths).
"""

import importlib.util
import threading
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

REGULAR = "CampusHangul"
BOLD = "CampusHangul-Bold"
FONT_PACKAGE = "koreanize_matplotlib"
FILES = {REGULAR: "NanumGothic.ttf", BOLD: "NanumGothicBold.ttf"}

_lock = threading.Lock()
_registered: dict[str, str] = {}


class CertificateFontMissing(ImproperlyConfigured):
    """The Hangul TrueType font is not installed."""


def font_paths() -> dict[str, Path]:
    """Where the regular and bold fonts are, from settings or the font package."""
    configured = {
        REGULAR: getattr(settings, "CERTIFICATES_FONT_REGULAR", ""),
        BOLD: getattr(settings, "CERTIFICATES_FONT_BOLD", ""),
    }
    package_dir = None
    if not all(configured.values()):
        # find_spec locates the package without importing it (it imports matplotlib)
        spec = importlib.util.find_spec(FONT_PACKAGE)
        if spec is not None and spec.submodule_search_locations:
            package_dir = Path(next(iter(spec.submodule_search_locations))) / "fonts"
    paths = {}
    for name, path in configured.items():
        if path:
            paths[name] = Path(path)
        elif package_dir is not None:
            paths[name] = package_dir / FILES[name]
        else:
            raise CertificateFontMissing(
                "The Hangul font for certificates is not installed. Run `make install` "
                "(it installs requirements-fonts.txt: pip install --no-deps -r "
                "requirements-fonts.txt) or set CERTIFICATES_FONT_REGULAR and "
                "CERTIFICATES_FONT_BOLD to TrueType (.ttf) files."
            )
    for name, path in paths.items():
        if not path.is_file():
            raise CertificateFontMissing(
                f"The certificate font {name} is missing: {path} does not exist. "
                "Run `make install` or set CERTIFICATES_FONT_REGULAR/_BOLD."
            )
    return paths


def fonts_register() -> tuple[str, str]:
    """Register the fonts with reportlab once per process; their names."""
    if len(_registered) == len(FILES):
        return REGULAR, BOLD
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    with _lock:
        for name, path in font_paths().items():
            if name in _registered:
                continue
            try:
                pdfmetrics.registerFont(TTFont(name, str(path)))
            except TTFError as error:
                raise CertificateFontMissing(
                    f"{path} is not a TrueType font reportlab can embed: {error}"
                ) from error
            _registered[name] = str(path)
    return REGULAR, BOLD
