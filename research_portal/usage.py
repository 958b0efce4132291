"""The rules of COUNTER Release 5 that need no database: robots and visitors.

- Robots: the user agent is matched, ignoring case, against the COUNTER robots
  list (a copy ships in `data/`, MIT licence); a robot's visit is not counted.
- Visitors: a signed-in user is their account, anyone else their address and
  browser; either is kept only as a hash with the day's salt.
- Sessions: one visitor's events in one clock hour (COUNTER's rule when there
  is no session cookie to go by); unique counts are taken over sessions.
- Double clicks: the same visitor's same action on the same item within 30
  seconds counts once.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from functools import cache
from pathlib import Path

DOUBLE_CLICK_SECONDS = 30
ROBOTS_FILE = Path(__file__).resolve().parent / "data" / "COUNTER_Robots_list.json"


@cache
def _robots() -> re.Pattern:
    patterns = [row["pattern"] for row in json.loads(ROBOTS_FILE.read_text())]
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


def is_robot(user_agent: str) -> bool:
    """Whether COUNTER's list names this user agent (an empty one included)."""
    return bool(_robots().search(user_agent or ""))


def visitor_basis(request) -> str:
    """Who is looking, before hashing: the account, else address and browser."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return f"user:{user.pk}"
    address = request.META.get("REMOTE_ADDR", "")
    return f"addr:{address}|{request.META.get('HTTP_USER_AGENT', '')}"


def salted(salt: str, basis: str) -> str:
    return hashlib.sha256(f"{salt}|{basis}".encode()).hexdigest()


def session_of(visitor: str, at: dt.datetime) -> str:
    """The visitor's session: the clock hour of the event (UTC)."""
    hour = at.astimezone(dt.UTC).strftime("%Y%m%d%H")
    return hashlib.sha256(f"{visitor}|{hour}".encode()).hexdigest()
