"""Certificates against reportlab alone: one page, and 2,000 through a worker.

    .venv/bin/python bench/certificates.py render [--n 300]
    .venv/bin/python bench/certificates.py bulk [--count 2000] [--concurrency 1,2]

`render` draws the same one-page certificate three ways, interleaved, in one
process: through Campus (`certificates.pdf.certificate_pdf_render` on a
certificate, its template's background compiled once and kept), with
reportlab alone computing and drawing everything each time (the naive
script), and with reportlab alone given the security pattern's points
precomputed (the fastest plain-reportlab page). Same font files (embedded as
subsets), same QR content, same text. It prints the median milliseconds and
the ratios; the target is Campus at most 1.5x reportlab alone.

`bulk` builds a fresh PostgreSQL database (BENCH_DB, default
campus_bench_certificates: it is dropped), gives 2,000 learners a completed
enrolment in one run, starts a real `celery worker` on Redis
(BENCH_CELERY_BROKER, default redis://127.0.0.1:6379/13) and starts a bulk issue as
staff would; it times from the request to the last certificate's PDF on disk.
Against it: reportlab alone drawing 2,000 pages in one process and writing
each to a file. Target: at least half reportlab's rate.

Run it under the shared lock: `flock /tmp/campus-bench.lock .venv/bin/python
bench/certificates.py bulk`.
"""

import argparse
import io
import math
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

KOREAN_BODY = (
    "위 사람은 2026년 9월 2일부터 2026년 10월 17일까지 사회적경제 네트워크 혁신타운 "
    "교육센터에서 운영한 「사회적기업 창업 기초」 과정(24시간)을 성실히 이수하였으므로 "
    "이 증서를 드립니다."
)
ENGLISH_BODY = (
    "has successfully completed Social Enterprise Start-up Basics (24 hours), held by "
    "Social Economy Network Innovation Town Education Center from 2 September 2026 "
    "to 17 October 2026."
)


# --- reportlab alone: the same page, no Django --------------------------------------


def rosette_points(cx, cy, radius, petals, curves, steps=240):
    """The guilloche curves Campus draws (certificates.pdf.background._guilloche)."""
    paths = []
    for curve in range(curves):
        phase = 2 * math.pi * curve / curves / petals
        points = []
        for step in range(steps + 1):
            t = 2 * math.pi * step / steps
            r = radius * (0.78 + 0.22 * math.cos(petals * t + phase))
            wobble = 0.06 * radius * math.sin(3 * petals * t - phase)
            points.append(
                (cx + (r + wobble) * math.cos(t), cy + (r + wobble) * math.sin(t))
            )
        paths.append(points)
    return paths


def qr_as_path(canvas, data: str, x: float, y: float, size: float) -> None:
    """The QR code as one filled path of row runs (what Campus does), with
    reportlab's path API: the fastest way to draw it without raw operators."""
    import qrcode

    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=0)
    code.add_data(data)
    code.make(fit=True)
    matrix = code.get_matrix()
    module = size / len(matrix)
    path = canvas.beginPath()
    for row_index, row in enumerate(matrix):
        top = y + size - (row_index + 1) * module
        column = 0
        while column < len(row):
            if row[column]:
                start = column
                while column < len(row) and row[column]:
                    column += 1
                path.rect(x + start * module, top, (column - start) * module, module)
            else:
                column += 1
    canvas.setFillColorRGB(0, 0, 0)
    canvas.drawPath(path, stroke=0, fill=1)


def reportlab_page(fonts, data: dict, pattern=None, qr_path=False) -> bytes:
    """One certificate with reportlab's public API only."""
    from reportlab.graphics import renderPDF
    from reportlab.graphics.barcode.qr import QrCodeWidget
    from reportlab.graphics.shapes import Drawing
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.utils import simpleSplit
    from reportlab.pdfgen.canvas import Canvas

    regular, bold = fonts
    w, h = landscape(A4)
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(w, h), invariant=1, initialFontName=regular)
    canvas.setTitle(f"이수증 {data['serial']}")
    canvas.setStrokeColorRGB(0.9, 0.94, 0.93)
    canvas.setLineWidth(0.3)
    if pattern is None:  # the naive script computes the pattern every time
        pattern = rosette_points(w / 2, h / 2 - 14, 175, 9, 14)
    for points in pattern:
        path = canvas.beginPath()
        path.moveTo(*points[0])
        for x, y in points[1:]:
            path.lineTo(x, y)
        path.close()
        canvas.drawPath(path, stroke=1, fill=0)
    canvas.setStrokeColorRGB(0.06, 0.42, 0.31)
    canvas.setLineWidth(2.4)
    canvas.rect(18, 18, w - 36, h - 36)
    canvas.setLineWidth(0.7)
    canvas.rect(27, 27, w - 54, h - 54)
    canvas.setFillColorRGB(0.1, 0.12, 0.14)
    canvas.setFont(regular, 9)
    canvas.drawRightString(w - 52, h - 58, f"제 {data['serial']} 호")
    canvas.drawRightString(w - 52, h - 70, f"No. {data['serial']}")
    canvas.setFont(bold, 38)
    canvas.drawCentredString(w / 2, h - 118, "이수증")
    canvas.setFont(regular, 13)
    canvas.drawCentredString(w / 2, h - 145, "CERTIFICATE OF COMPLETION")
    canvas.setFont(bold, 28)
    canvas.drawCentredString(w / 2, h - 206, data["name_ko"])
    canvas.setFont(regular, 13)
    canvas.drawCentredString(w / 2, h - 228, data["name_en"])
    y = h - 268
    canvas.setFont(regular, 13)
    for line in simpleSplit(KOREAN_BODY, regular, 13, 600):
        canvas.drawCentredString(w / 2, y, line)
        y -= 20
    canvas.setFont(regular, 10)
    for line in simpleSplit(ENGLISH_BODY, regular, 10, 600):
        canvas.drawCentredString(w / 2, y - 4, line)
        y -= 14
    canvas.setFont(regular, 9)
    canvas.drawCentredString(
        w / 2,
        196,
        "교육 기간 Period  2026. 9. 2. – 2026. 10. 17.     ·     "
        "이수 시간 Credit hours  24     ·     이수일 Completed  2026. 10. 16.",
    )
    canvas.setFont(bold, 12)
    canvas.drawCentredString(w / 2, 166, "2026년 12월 1일")
    canvas.setFont(regular, 9)
    canvas.drawCentredString(w / 2, 153, "1 December 2026")
    canvas.setFont(bold, 15)
    canvas.drawCentredString(w / 2, 122, "사회적경제 네트워크 혁신타운 교육센터")
    canvas.setFont(regular, 9)
    canvas.drawCentredString(
        w / 2, 108, "Social Economy Network Innovation Town Education Center"
    )
    size = 70
    if qr_path:
        qr_as_path(canvas, data["url"], w - 52 - size, 50, size)
        canvas.setFont(regular, 5.5)
        canvas.drawRightString(w - 52, 41, data["url"])
        canvas.showPage()
        canvas.save()
        return buffer.getvalue()
    widget = QrCodeWidget(data["url"], barLevel="M")
    x0, y0, x1, y1 = widget.getBounds()
    drawing = Drawing(
        size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0]
    )
    drawing.add(widget)
    renderPDF.draw(drawing, canvas, w - 52 - size, 50)
    canvas.setFont(regular, 5.5)
    canvas.drawRightString(w - 52, 41, data["url"])
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def reportlab_fonts():
    """Register the same TrueType files Campus embeds (no Django needed)."""
    import importlib.util

    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    spec = importlib.util.find_spec("koreanize_matplotlib")
    folder = Path(next(iter(spec.submodule_search_locations))) / "fonts"
    pdfmetrics.registerFont(TTFont("BenchHangul", str(folder / "NanumGothic.ttf")))
    pdfmetrics.registerFont(
        TTFont("BenchHangul-Bold", str(folder / "NanumGothicBold.ttf"))
    )
    return "BenchHangul", "BenchHangul-Bold"


def sample(n: int) -> dict:
    return {
        "serial": f"JBSE-2026-{n:06d}",
        "name_ko": "윤소희",
        "name_en": "Sohee Yoon",
        "url": f"https://campus.example.org/verify/{secrets.token_hex(13)}",
    }


# --- render -------------------------------------------------------------------------


def bench_render(n: int) -> dict:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.test")
    import datetime as dt
    from decimal import Decimal

    import django

    django.setup()
    from django.utils import timezone

    from certificates.models import Certificate
    from certificates.pdf import certificate_pdf_render

    def campus_certificate(i: int) -> Certificate:
        data = sample(i)
        return Certificate(
            serial=data["serial"],
            code=secrets.token_hex(13),
            learner_name_ko=data["name_ko"],
            learner_name_en=data["name_en"],
            course_title_ko="사회적기업 창업 기초",
            course_title_en="Social Enterprise Start-up Basics",
            run_title="1기",
            credit_hours=Decimal("24"),
            started_on=dt.date(2026, 9, 2),
            ended_on=dt.date(2026, 10, 17),
            completed_on=dt.date(2026, 10, 16),
            grade=Decimal("88"),
            issuer_name_ko="사회적경제 네트워크 혁신타운 교육센터",
            issuer_name_en="Social Economy Network Innovation Town Education Center",
            issued_at=timezone.now(),
            template=None,  # the built-in design: no database needed
        )

    import dataclasses

    from certificates import pdf

    fonts = reportlab_fonts()
    from reportlab.lib.pagesizes import A4, landscape

    w, h = landscape(A4)
    pattern = rosette_points(w / 2, h / 2 - 14, 175, 9, 14)
    plain = dataclasses.replace(
        pdf.template_spec_for(None), key="bench-plain", show_pattern=False
    )

    def campus_plain(i: int) -> bytes:
        certificate = campus_certificate(i)
        return pdf.render(
            plain, pdf.certificate_content(certificate, verify_url=sample(i)["url"])
        )

    ways = {
        "campus": lambda i: certificate_pdf_render(campus_certificate(i)),
        "reportlab alone (naive)": lambda i: reportlab_page(fonts, sample(i)),
        "reportlab alone (pattern precomputed)": lambda i: reportlab_page(
            fonts, sample(i), pattern
        ),
        "campus, no security pattern": campus_plain,
        "reportlab alone, no security pattern": lambda i: reportlab_page(
            fonts, sample(i), []
        ),
        "reportlab alone, no pattern, QR as a path": lambda i: reportlab_page(
            fonts, sample(i), [], qr_path=True
        ),
    }
    for way in ways.values():  # warm: fonts parsed, background compiled
        way(0)
    times = {name: [] for name in ways}
    sizes = {}
    for i in range(n):
        for name, way in ways.items():  # interleaved: the same background load
            start = time.perf_counter()
            document = way(i)
            times[name].append((time.perf_counter() - start) * 1000)
            sizes[name] = len(document)
    medians = {name: statistics.median(values) for name, values in times.items()}
    print(f"render, {n} pages each, median ms (PDF size):")
    for name, value in medians.items():
        print(f"  {name:40s} {value:6.1f} ms  ({sizes[name] // 1024} KiB)")
    pairs = {
        "with the security pattern": (
            "campus",
            "reportlab alone (pattern precomputed)",
        ),
        "without it": (
            "campus, no security pattern",
            "reportlab alone, no security pattern",
        ),
        "without it, QR as a path in both": (
            "campus, no security pattern",
            "reportlab alone, no pattern, QR as a path",
        ),
    }
    for label, (ours, theirs) in pairs.items():
        ratio = medians[ours] / medians[theirs]
        print(f"  campus / reportlab alone, the same page {label}: {ratio:.2f}")
    return medians


# --- bulk ---------------------------------------------------------------------------


def _psql(*args: str, env) -> None:
    subprocess.run(args, check=True, env=env, stdout=subprocess.DEVNULL)


def bench_bulk(count: int, concurrencies: list[int]) -> None:
    database = os.environ.get("BENCH_DB", "campus_bench_certificates")
    broker = os.environ.get("BENCH_CELERY_BROKER", "redis://127.0.0.1:6379/13")
    private = Path(tempfile.mkdtemp(prefix="campus-bench-certificates-"))
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048).private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    queue = f"bench-certificates-{uuid.uuid4().hex[:6]}"
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{database}",
        "DATABASE_CONN_MAX_AGE": "60",
        "CELERY_BROKER_URL": broker,
        "CELERY_RESULT_BACKEND": broker,
        "CELERY_QUEUE": queue,
        "PRIVATE_MEDIA_ROOT": str(private),
        "CERTIFICATES_SIGNING_KEY": key.decode(),
        "SITE_URL": "https://campus.example.org",
        "LOG_LEVEL": "WARNING",
    }
    pg = ["-h", "127.0.0.1", "-U", "postgres"]
    _psql("dropdb", *pg, "--if-exists", database, env=env)
    _psql("createdb", *pg, database, env=env)
    os.environ.update(env)
    import django

    django.setup()
    from django.core.management import call_command

    print(f"bulk: migrating {database} ...", flush=True)
    call_command("migrate", verbosity=0)
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from certificates.models import Certificate, CertificateBatch
    from certificates.services import certificate_batch_start
    from lms.accounts.models import User
    from lms.learning.models import CourseRun, Enrollment
    from tests.factories import catalog_create, course_tree_create

    course = course_tree_create(index=catalog_create(), title="사회적기업 창업 기초")
    password = make_password(None)

    # reportlab alone, 2,000 pages in one process, each written to a file: the
    # same page (the default template draws the security pattern), its fastest
    # plain-reportlab form (pattern precomputed, the QR code as one path)
    from reportlab.lib.pagesizes import A4, landscape

    fonts = reportlab_fonts()
    w, h = landscape(A4)
    pattern = rosette_points(w / 2, h / 2 - 14, 175, 9, 14)
    out = private / "reportlab"
    out.mkdir()
    start = time.perf_counter()
    for i in range(count):
        page = reportlab_page(fonts, sample(i), pattern, qr_path=True)
        (out / f"{i}.pdf").write_bytes(page)
    reportlab_rate = count / (time.perf_counter() - start)
    print(f"  reportlab alone, one process: {reportlab_rate:6.1f} pages/s", flush=True)

    for concurrency in concurrencies:
        run = CourseRun.objects.create(course=course, title=f"bench c={concurrency}")
        users = User.objects.bulk_create(
            User(
                email=f"bench-{concurrency}-{i}@example.org",
                name_ko=f"학습자{i}",
                name_en=f"Learner {i}",
                password=password,
            )
            for i in range(count)
        )
        Enrollment.objects.bulk_create(
            Enrollment(
                learner=user,
                run=run,
                status="completed",
                completed_at=timezone.now(),
                final_grade=90,
            )
            for user in users
        )
        worker = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "lms",
                "worker",
                "--pool=prefork",
                f"--concurrency={concurrency}",
                "--loglevel=WARNING",
                "--without-gossip",
                "--without-mingle",
                "-Q",
                queue,
                "-n",
                f"{queue}-{concurrency}@%h",
            ],
            cwd=ROOT,
            env=env,
        )
        from lms.celery import app

        app.conf.task_default_queue = queue
        app.conf.task_always_eager = False
        deadline = time.monotonic() + 60
        while not app.control.ping(
            destination=[f"{queue}-{concurrency}@{os.uname()[1]}"], timeout=0.5
        ):
            if time.monotonic() > deadline:
                raise RuntimeError("the worker did not start")
        try:
            start = time.perf_counter()
            batch = certificate_batch_start(run=run, mode="issue_missing", actor=None)
            while True:
                batch.refresh_from_db()
                if batch.status == "done":
                    break
                time.sleep(0.2)
            elapsed = time.perf_counter() - start
        finally:
            worker.terminate()
            worker.wait(timeout=60)
        made = Certificate.objects.filter(run=run)
        assert made.count() == count, made.count()
        assert not made.filter(pdf_name="").exists()
        assert CertificateBatch.objects.get(pk=batch.pk).processed == count
        rate = count / elapsed
        print(
            f"  campus, worker --concurrency={concurrency}: {rate:6.1f} certificates/s "
            f"({elapsed:.1f} s for {count}), "
            f"{rate / reportlab_rate:.2f}x reportlab alone",
            flush=True,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    render = commands.add_parser("render")
    render.add_argument("--n", type=int, default=300)
    bulk = commands.add_parser("bulk")
    bulk.add_argument("--count", type=int, default=2000)
    bulk.add_argument("--concurrency", default="1,2")
    args = parser.parse_args()
    if args.command == "render":
        bench_render(args.n)
    else:
        bench_bulk(args.count, [int(c) for c in args.concurrency.split(",")])


if __name__ == "__main__":
    main()
