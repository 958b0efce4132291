"""Plain words for a session's device and a masked address, for the sessions list."""

import ipaddress
import re

# checked in order: in-app browsers and vendors' browsers name Chrome or Safari too
_BROWSERS = [
    ("KAKAOTALK", "KakaoTalk"),
    ("NAVER(inapp", "Naver app"),
    ("Whale/", "Whale"),
    ("SamsungBrowser/", "Samsung Internet"),
    ("Edg/", "Edge"),
    ("Firefox/", "Firefox"),
    ("Chrome/", "Chrome"),
    ("Safari/", "Safari"),
]
_SYSTEMS = [
    ("iPhone", "iPhone"),
    ("iPad", "iPad"),
    ("Android", "Android"),
    ("Windows", "Windows"),
    ("Mac OS X", "macOS"),
    ("Macintosh", "macOS"),
    ("Linux", "Linux"),
]


def device_describe(user_agent: str) -> str:
    """ "Chrome on Android", from a User-Agent header; "" when unknown."""
    agent = user_agent or ""
    browser = next((name for key, name in _BROWSERS if key in agent), "")
    system = next((name for key, name in _SYSTEMS if key in agent), "")
    if browser and system:
        return f"{browser} · {system}"
    return browser or system or re.sub(r"\s+", " ", agent)[:60]


def ip_mask(address: str | None) -> str:
    """203.0.113.42 -> 203.0.*.*; IPv6 keeps its first three groups."""
    if not address:
        return ""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return ""
    if ip.version == 4:
        first, second, *_ = str(ip).split(".")
        return f"{first}.{second}.*.*"
    groups = ip.exploded.split(":")
    return ":".join(groups[:3]) + ":*"
