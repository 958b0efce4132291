"""System check: the Hangul font for certificates is installed."""

from django.core.checks import Error, register

from .fonts import CertificateFontMissing, font_paths


@register()
def certificate_font_check(app_configs, **kwargs):
    try:
        font_paths()
    except CertificateFontMissing as error:
        return [Error(str(error), id="certificates.E001")]
    return []
