"""System checks: say at start-up, not at a donor's first download, that the certificate font is missing."""

from django.core.checks import Warning, register


@register()
def certificate_font(app_configs, **kwargs):
    from .certificate import CertificateFontMissing, find_font

    try:
        find_font()
    except CertificateFontMissing as exc:
        return [Warning(str(exc), id="donations.W001")]
    return []
