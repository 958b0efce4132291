"""The research portal at scale, as ratios to the ceiling (issue 13's bench).

On bench/run.py's stack (gunicorn, PostgreSQL, Redis, the same settings, both
ceilings, the same alternating slices), in two phases on one database:

1. 2,000 bench publications (`research_scale_data`): the index with its facets,
   the index with a search and a facet, and a publication page, each past the
   page cache (a unique query a request);
2. topped up to 10,000: OAI-PMH ListRecords pages of 100 records (the first
   page, which also counts the list, and a page in the middle reached by its
   resumption token; oai_dc, and oai_datacite's first page), then one full
   harvest of every record, timed, by a plain loop following the tokens.

    .venv/bin/python bench/research.py   # knobs as bench/run.py; BENCH_DB
                                         # defaults to campus_bench_research
    BENCH_REUSE_DB=1 …                   # skip migrate + seed_demo
    BENCH_ONLY="index|page" …            # only the phase-1 scenarios named so;
                                         # phase 2 runs when BENCH_ONLY names OAI

Figures go to bench/results/research.json (git-ignored).
"""

import json
import os
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote, urlencode

from lxml import etree

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.run import (  # noqa: E402
    HOST,
    ROOT,
    BenchError,
    ceiling_summary,
    check,
    config,
    database_create,
    django_prepare,
    fetch,
    gunicorn_start,
    load_beside_ceiling,
    run,
    server_environment,
    server_stop,
    server_wait,
    step,
    table,
    versions,
)
from bench.scenarios import Scenario  # noqa: E402

OAI_NS = {"oai": "http://www.openarchives.org/OAI/2.0/"}
RESULTS = ROOT / "bench" / "results" / "research.json"
PAGE_SCENARIOS = [
    Scenario("research (2,000): index with facets", "/research/", unique_query=True),
    Scenario(
        "research (2,000): index, a search and a facet",
        "/research/?q=" + quote("협동조합") + "&type=research_report",
        unique_query=True,
    ),
    Scenario(
        "research (2,000): publication page",
        "/research/bench-pub-1000/",
        unique_query=True,
    ),
]
LIST = "/oai?verb=ListRecords&metadataPrefix="


def middle_token(env: dict[str, str], position: int) -> str:
    """A resumption token for ListRecords oai_dc after `position` records, as
    the server would have issued it on the way (same secret, same rules)."""
    os.environ.update(env)
    import django

    django.setup()
    from django.db import connections
    from django.utils import timezone

    from research_portal.models import OaiRecord, utc_seconds
    from research_portal.oai.protocol import Harvest

    until = utc_seconds(timezone.now())
    records = OaiRecord.objects.filter(
        formats__contains=" oai_dc ", datestamp__lte=until
    )
    harvest = Harvest(
        verb="ListRecords", prefix="oai_dc", until=until, total=records.count()
    )
    last = records.order_by("datestamp", "id")[position - 1]
    token = harvest.token(after=(last.datestamp, last.id), cursor=position)
    connections.close_all()
    return token


def oai_check(port: int, scenario: Scenario, records: int) -> None:
    """An OAI answer must be a page of records, not an error (both are 200)."""
    status, _, body = fetch(port, scenario.path)
    document = etree.fromstring(body)
    found = len(document.findall(".//oai:record", OAI_NS))
    if status != 200 or document.find("oai:error", OAI_NS) is not None:
        raise BenchError(f"{scenario.name}: an error answer:\n{body[:500]!r}")
    if found != records:
        raise BenchError(f"{scenario.name}: {found} records, not {records}")


def harvest(port: int, prefix: str = "oai_dc") -> dict:
    """Every record, page by page, following the tokens; timed."""
    import http.client

    connection = http.client.HTTPConnection(HOST, port, timeout=120)
    path = LIST + prefix
    records = deleted = pages = 0
    start = time.monotonic()
    slowest = 0.0
    while path:
        began = time.monotonic()
        connection.request("GET", path)
        response = connection.getresponse()
        body = response.read()
        slowest = max(slowest, time.monotonic() - began)
        document = etree.fromstring(body)
        if response.status != 200 or document.find("oai:error", OAI_NS) is not None:
            raise BenchError(f"harvest: an error answer on page {pages}: {body[:300]}")
        pages += 1
        for header in document.iterfind(".//oai:record/oai:header", OAI_NS):
            records += 1
            deleted += header.get("status") == "deleted"
        token = document.findtext(".//oai:resumptionToken", namespaces=OAI_NS)
        path = "/oai?" + urlencode({"verb": "ListRecords", "resumptionToken": token})
        path = path if token else ""
    connection.close()
    return {
        "prefix": prefix,
        "records": records,
        "deleted": deleted,
        "pages": pages,
        "seconds": round(time.monotonic() - start, 2),
        "slowest_page_s": round(slowest, 3),
    }


def record_count(env: dict[str, str], prefix: str) -> int:
    os.environ.update(env)
    import django

    django.setup()
    from research_portal.models import OaiRecord

    return OaiRecord.objects.filter(formats__contains=f" {prefix} ").count()


def load(cfg, ports, env, scenarios, log, oai_pages=False) -> list[dict]:
    scenarios, headers, queries = django_prepare(env, scenarios)
    rows = []
    for scenario in scenarios:
        if oai_pages:
            oai_check(ports["campus"], scenario, 100)
        else:
            check(ports["campus"], scenario, headers[scenario.name], log)
    for scenario in scenarios:
        row = load_beside_ceiling(cfg, ports, scenario, headers[scenario.name])
        row["queries"] = queries[scenario.name]
        step(
            f"{scenario.name}: {row['rps']:.1f} req/s, ratio {row['ratio']:.3f} "
            f"({row['ratio_bare']:.3f} of bare), {row['queries']} queries"
        )
        rows.append(row)
    return rows


def bench() -> dict:
    cfg = config() | {"database": os.environ.get("BENCH_DB") or "campus_bench_research"}
    manage = [sys.executable, "manage.py"]
    with tempfile.TemporaryDirectory(prefix="campus-bench-research-") as scratch:
        log = Path(scratch) / "gunicorn.log"
        env = server_environment(cfg, str(Path(scratch) / "static"))
        if not cfg["reuse_db"]:
            step(f"creating database {cfg['database']} (migrate, seed_demo)")
            database_create(cfg, env)
            run([*manage, "migrate", "--noinput", "--verbosity", "0"], env)
            run([*manage, "seed_demo"], env)
        step("2,000 bench publications")
        run([*manage, "research_scale_data", "--publications", "2000"], env)
        run([*manage, "collectstatic", "--noinput", "--verbosity", "0"], env)
        server, port = gunicorn_start(cfg, env, log)
        bare_log = Path(scratch) / "gunicorn-bare.log"
        bare_env = env | {"DJANGO_SETTINGS_MODULE": "bench.bare_settings"}
        bare_server, bare_port = gunicorn_start(cfg, bare_env, bare_log)
        ports = {"campus": port, "bare": bare_port}
        try:
            server_wait(server, port, log)
            server_wait(bare_server, bare_port, bare_log, "/bench/bare/")
            wanted = [
                scenario
                for scenario in PAGE_SCENARIOS
                if any(part in scenario.name for part in cfg["only"].split("|"))
            ]
            rows = load(cfg, ports, env, wanted, log) if wanted else []
            harvests = []
            if cfg["only"] and "OAI" not in cfg["only"]:
                return _results(cfg, rows, harvests)

            step("topping up to 10,000 bench publications")
            run([*manage, "research_scale_data", "--publications", "10000"], env)
            total = record_count(env, "oai_dc")
            token = middle_token(env, total // 2)
            oai = [
                Scenario(
                    f"research ({total:,} records): OAI ListRecords oai_dc, first page",
                    LIST + "oai_dc",
                ),
                Scenario(
                    f"research ({total:,} records): OAI ListRecords oai_dc, "
                    "a middle page by token",
                    "/oai?verb=ListRecords&resumptionToken=" + quote(token, safe=""),
                ),
                Scenario(
                    f"research ({record_count(env, 'oai_datacite'):,} DataCite "
                    "records): OAI ListRecords oai_datacite, first page",
                    LIST + "oai_datacite",
                ),
            ]
            rows += load(cfg, ports, env, oai, log, oai_pages=True)
            step(f"a full harvest of {total:,} records")
            harvests.append(harvest(port, "oai_dc"))
            if harvests[0]["records"] != total:
                raise BenchError(
                    f"the harvest got {harvests[0]['records']} of {total} records"
                )
            step(f"full harvest: {harvests[0]}")
        finally:
            server_stop(server)
            server_stop(bare_server)
    return _results(cfg, rows, harvests)


def _results(cfg, rows, harvests) -> dict:
    bare, ceiling = ceiling_summary(rows)
    print()
    print(table([bare, ceiling], rows))
    for figures in harvests:
        print(f"\nfull harvest: {figures}")
    return {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": versions(),
        "load": os.getloadavg(),
        "config": {k: v for k, v in cfg.items() if k not in {"reuse_db", "only"}},
        "bare": bare,
        "ceiling": ceiling,
        "scenarios": rows,
        "harvests": harvests,
    }


if __name__ == "__main__":
    try:
        results = bench()
    except BenchError as error:
        print(f"bench: FAILED: {error}", file=sys.stderr)
        sys.exit(1)
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    print(f"\nbench: figures written to {RESULTS.relative_to(ROOT)}")
