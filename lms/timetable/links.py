"""'Add to calendar' links for one session, and QR codes as inline SVG."""

import datetime as dt
from urllib.parse import urlencode

import qrcode
import qrcode.image.svg
from django.utils.safestring import mark_safe

from .models import LectureSession
from .sources import session_entry


def _utc(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def calendar_links(session: LectureSession) -> dict[str, str]:
    """Google Calendar and Outlook.com 'add' links (the .ics download is ours)."""
    entry = session_entry(session)
    google = {
        "action": "TEMPLATE",
        "text": entry.summary,
        "dates": f"{_utc(entry.start)}/{_utc(entry.end)}",
        "details": entry.description,
        "location": entry.location,
        "ctz": "Asia/Seoul",
    }
    if entry.rrule:
        google["recur"] = f"RRULE:{entry.rrule}"
    outlook = {
        "path": "/calendar/action/compose",
        "rru": "addevent",
        "subject": entry.summary,
        "startdt": entry.start.astimezone(dt.UTC).isoformat(),
        "enddt": entry.end.astimezone(dt.UTC).isoformat(),
        "body": entry.description,
        "location": entry.location,
    }
    return {
        "google": "https://calendar.google.com/calendar/render?" + urlencode(google),
        "outlook": "https://outlook.live.com/calendar/0/deeplink/compose?"
        + urlencode(outlook),
    }


def qr_svg(data: str) -> str:
    """An SVG QR code of `data` (a URL we built), safe to inline in a page."""
    image = qrcode.make(
        data,
        image_factory=qrcode.image.svg.SvgPathImage,
        box_size=12,
        border=2,
        error_correction=qrcode.constants.ERROR_CORRECT_M,
    )
    svg = image.to_string(encoding="unicode")
    # the XML declaration is not allowed inside HTML
    if svg.startswith("<?xml"):
        svg = svg[svg.index("?>") + 2 :]
    return mark_safe(svg)  # noqa: S308  # nosec B308 B703 - generated here from our own URL
