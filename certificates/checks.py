"""System checks: the Hangul font is installed; production has its own key."""

from django.core.checks import Error, Warning, register

from .fonts import CertificateFontMissing, font_paths


@register()
def certificate_font_check(app_configs, **kwargs):
    try:
        font_paths()
    except CertificateFontMissing as error:
        return [Error(str(error), id="certificates.E001")]
    return []


@register(deploy=True)
def certificate_signing_key_check(app_configs, **kwargs):
    from .signing import key_is_configured

    if key_is_configured():
        return []
    return [
        Warning(
            "Open Badges are signed with a key generated into private storage. "
            "Set CERTIFICATES_SIGNING_KEY or CERTIFICATES_SIGNING_KEY_FILE to a key "
            "you back up: verifiers cannot check badges signed with a lost key.",
            id="certificates.W001",
        )
    ]
