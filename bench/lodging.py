"""Hold-and-confirm throughput under contention, on PostgreSQL.

    flock /tmp/campus-bench.lock env BENCH_DB=campus_bench_lodging \\
        .venv/bin/python bench/lodging.py

Builds a fresh database (BENCH_DB is dropped and created), a residential run
and a lodging building, then times, with THREADS threads each holding its own
connection:

- `plenty`: every learner holds and confirms a bed, with a bed for everyone;
- `last beds`: the same number of learners for `LAST_BEDS` beds: most land on
  the waitlist, every request still waits its turn for the inventory lock;
- `bare writes`: the floor under both, the same threads inserting and then
  updating one stay row per learner in a transaction, with no lock, no
  choice of bed and no checks: what the database costs alone.

The ratio of each to `bare writes` is the price of never overbooking.
Notification e-mails are left out (their task is replaced by a no-op): in
production they are a message on the broker after commit.
Results are printed and written to bench/results/lodging.json.
"""

import datetime as dt
import json
import os
import sys
import threading
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
sys.path.insert(0, str(ROOT))

from bench.run import config, database_create, run, step  # noqa: E402

THREADS = int(os.environ.get("BENCH_LODGING_THREADS", "8"))
LEARNERS = int(os.environ.get("BENCH_LODGING_LEARNERS", "400"))
LAST_BEDS = int(os.environ.get("BENCH_LODGING_LAST_BEDS", "4"))
RESULTS = BENCH_DIR / "results" / "lodging.json"


def prepare() -> None:
    cfg = config()
    database = cfg["database"]
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "lms.settings.test",
        "DATABASE_URL": f"postgres://{cfg['pg_user']}@{cfg['pg_host']}:"
        f"{cfg['pg_port']}/{database}",
    }
    step(f"creating database {database}")
    database_create(cfg, env)
    run([sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"], env)
    os.environ.update(env)
    import django

    django.setup()


def inventory(*, beds: int):
    """A run starting in a week and a building with `beds` women's beds."""
    from django.utils import timezone

    from lms.lodging.models import Bed, Building, Floor, GenderPolicy, Room, Stay
    from tests.factories import CourseRunFactory, catalog_create, course_tree_create

    Stay.objects.all().delete()
    Bed.objects.all().delete()
    Room.objects.all().delete()
    building, _ = Building.objects.get_or_create(code="bench", name="벤치 숙박동")
    floor, _ = Floor.objects.get_or_create(building=building, number=1)
    rooms = Room.objects.bulk_create(
        Room(floor=floor, number=f"{n:04d}", gender_policy=GenderPolicy.WOMEN)
        for n in range((beds + 3) // 4)
    )
    rooms = list(Room.objects.filter(floor=floor).order_by("number"))
    Bed.objects.bulk_create(
        Bed(room=room, label=label)
        for room in rooms
        for label in "ABCD"[: min(4, beds - 4 * rooms.index(room))]
    )
    today = timezone.localdate()
    course = course_tree_create(index=catalog_create(), delivery="residential")
    return CourseRunFactory(
        course=course,
        is_residential=True,
        starts_on=today + dt.timedelta(days=7),
        ends_on=today + dt.timedelta(days=10),
    )


def learners(run, count: int) -> list:
    from lms.accounts.models import User
    from lms.learning.models import Enrollment

    stamp = time.monotonic_ns()
    users = User.objects.bulk_create(
        User(email=f"bench-{stamp}-{n}@example.org") for n in range(count)
    )
    users = list(User.objects.filter(email__startswith=f"bench-{stamp}-"))
    Enrollment.objects.bulk_create(
        Enrollment(learner=user, run=run, status="active") for user in users
    )
    return list(Enrollment.objects.filter(run=run).select_related("learner"))


def timed(work, items) -> dict:
    """Run `work(item)` for every item over THREADS threads; ops per second."""
    from django.db import connection

    lock = threading.Lock()
    queue = list(items)
    errors: list[BaseException] = []
    latencies: list[float] = []

    def worker():
        try:
            while True:
                with lock:
                    if not queue:
                        return
                    item = queue.pop()
                started = time.perf_counter()
                work(item)
                with lock:
                    latencies.append(time.perf_counter() - started)
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(THREADS)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    if errors:
        raise errors[0]
    latencies.sort()
    return {
        "ops": len(latencies),
        "seconds": round(elapsed, 3),
        "ops_per_s": round(len(latencies) / elapsed, 1),
        "p50_ms": round(1000 * latencies[len(latencies) // 2], 1),
        "p95_ms": round(1000 * latencies[int(len(latencies) * 0.95)], 1),
    }


def hold_and_confirm(enrollment) -> None:
    from lms.lodging.models import StayStatus
    from lms.lodging.services import stay_confirm, stay_hold

    stay = stay_hold(enrollment=enrollment, room_policy="women")
    if stay.status == StayStatus.HELD:
        stay_confirm(stay=stay)


def bare_write(pair) -> None:
    from django.db import transaction
    from django.utils import timezone

    from lms.lodging.models import Stay

    enrollment, bed_id, run = pair
    with transaction.atomic():
        stay = Stay.objects.create(
            enrollment=enrollment,
            run=run,
            guest_id=enrollment.learner_id,
            room_policy="women",
            bed_id=bed_id,
            check_in=run.starts_on,
            check_out=run.ends_on,
            status="held",
            hold_expires_at=timezone.now(),
        )
    with transaction.atomic():
        Stay.objects.filter(pk=stay.pk).update(status="confirmed")


def main() -> int:
    prepare()
    from lms.lodging import tasks
    from lms.lodging.models import Bed, Stay, StayStatus

    tasks.stay_status_notify.delay = lambda stay_id: None
    results = {"threads": THREADS, "learners": LEARNERS, "last_beds": LAST_BEDS}

    step(f"plenty: {LEARNERS} learners hold and confirm, {LEARNERS} beds")
    run = inventory(beds=LEARNERS)
    results["plenty"] = timed(hold_and_confirm, learners(run, LEARNERS))
    assert Stay.objects.filter(status=StayStatus.CONFIRMED).count() == LEARNERS

    step(f"last beds: {LEARNERS} learners for {LAST_BEDS} beds")
    run = inventory(beds=LAST_BEDS)
    results["last_beds_run"] = timed(hold_and_confirm, learners(run, LEARNERS))
    assert Stay.objects.filter(status=StayStatus.CONFIRMED).count() == LAST_BEDS
    assert Stay.objects.filter(status=StayStatus.WAITLISTED).count() == (
        LEARNERS - LAST_BEDS
    )

    step(f"bare writes: {LEARNERS} inserts and updates, no lock and no checks")
    run = inventory(beds=LEARNERS)
    beds = list(Bed.objects.values_list("pk", flat=True))
    pairs = list(zip(learners(run, LEARNERS), beds, [run] * LEARNERS, strict=True))
    results["bare_writes"] = timed(bare_write, pairs)

    floor = results["bare_writes"]["ops_per_s"]
    for name in ("plenty", "last_beds_run"):
        results[name]["ratio_to_bare_writes"] = round(
            results[name]["ops_per_s"] / floor, 3
        )
    print()
    print(f"{'case':<14} {'ops/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'ratio':>7}")
    for name in ("plenty", "last_beds_run", "bare_writes"):
        row = results[name]
        print(
            f"{name:<14} {row['ops_per_s']:>8} {row['p50_ms']:>8} {row['p95_ms']:>8} "
            f"{row.get('ratio_to_bare_writes', 1):>7}"
        )
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
