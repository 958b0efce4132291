"""The link checker: external addresses of linked services, checked safely.

Every address goes through `lms.core.outbound` (http/https only, public
addresses only unless allow-listed, timeouts, a size limit, no redirect into
a refused address). Staff are e-mailed once when links break, listing those
that were working (or unchecked) before, not again every night.
"""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from lms.core.outbound import OutboundError, OutboundRefused, outbound_fetch

from ..models import LinkedService, LinkStatus
from .staff import staff_emails

CHECK_MAX_BYTES = 64 * 1024
CHECK_TIMEOUT = 5.0


def service_link_check(*, service: LinkedService) -> tuple[str, str]:
    """(status, error) of the service's external address; nothing is saved."""
    try:
        response = outbound_fetch(
            service.target_url,
            method="GET",
            headers={"User-Agent": "Campus link checker"},
            timeout=CHECK_TIMEOUT,
            max_bytes=CHECK_MAX_BYTES,
        )
    except OutboundRefused as error:
        return LinkStatus.REFUSED, str(error.message)[:300]
    except OutboundError as error:
        return LinkStatus.BROKEN, str(error.message)[:300]
    if 200 <= response.status < 400:
        return LinkStatus.OK, ""
    return LinkStatus.BROKEN, f"HTTP {response.status}"


def service_links_check() -> list[LinkedService]:
    """Check every shown service with an external address; report new breaks.

    Returns the services that broke in this run (those staff were told about).
    """
    services = list(
        LinkedService.objects.active()
        .exclude(target_url="")
        .filter(target_view="", target_page__isnull=True)
        .order_by("pk")
    )
    newly_broken = []
    for service in services:
        status, error = service_link_check(service=service)
        was_bad = service.link_status in (LinkStatus.BROKEN, LinkStatus.REFUSED)
        with transaction.atomic():
            LinkedService.objects.filter(pk=service.pk).update(
                link_status=status, link_error=error, link_checked_at=timezone.now()
            )
        service.link_status, service.link_error = status, error
        if status != LinkStatus.OK and not was_bad:
            newly_broken.append(service)
    if newly_broken:
        _broken_links_report(newly_broken)
    return newly_broken


def _broken_links_report(services: list[LinkedService]) -> None:
    recipients = staff_emails()
    if not recipients:
        return
    with override(settings.LANGUAGE_CODE):
        lines = [
            f"- {service.name} ({service.get_space_display()}): {service.target_url}"
            f" — {service.get_link_status_display()} {service.link_error}"
            for service in services
        ]
        subject = _("Campus: %(n)d service links are broken") % {"n": len(services)}
        body = "\n".join(
            [
                _("The link checker could not reach these services' addresses:"),
                "",
                *lines,
                "",
                _("Fix them in the admin under Linked services."),
            ]
        )
    send_mail(subject, body, None, recipients)
