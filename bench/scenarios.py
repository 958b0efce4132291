"""What `make bench` loads: one line per page or endpoint.

A scenario is a name, a path on the site, and optionally the e-mail of a demo
user (from `seed_demo`) whose session cookie every request carries. Each one is
checked to answer 200 without a redirect before it is loaded, and is reported
as a ratio to the bare-Django ceiling measured in the same run.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Scenario:
    """A page to load: GET `path`, anonymously or as the demo user `login`."""

    name: str
    path: str
    login: str | None = None


# manage.py commands that build the data the scenarios read, on a fresh database.
SETUP: list[list[str]] = [
    ["migrate", "--noinput", "--verbosity", "0"],
    ["seed_demo"],
]

SCENARIOS: list[Scenario] = [
    Scenario("home (anonymous, ko)", "/"),
    Scenario("home (anonymous, en)", "/en/"),
    # A signed-in page names its demo user, e.g.:
    # Scenario("dashboard (learner)", "/dashboard/", login="learner@campus.example"),
]
