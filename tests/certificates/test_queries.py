"""SQL query counts of every certificate page and endpoint, pinned with a few
rows and asserted unchanged with many more."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from certificates.models import Certificate, CertificateBatch
from certificates.services import certificate_issue, certificate_revoke

from ..factories import EnrollmentFactory
from .conftest import completed_enrollment_create

pytestmark = pytest.mark.django_db

# The site shell (base.html) runs no query once its parts are cached. Signed
# in: session and user (+ the staff group check on staff screens).
VERIFY_PAGE = 1  # the certificate
VERIFY_JSON = 1
LOOKUP = 1
STATUS_LIST = 1  # the revocation version; the signed list itself is cached
STATUS_LIST_UNCACHED = 3  # + revoked ids, the highest id
JWKS = 0
ISSUER = 0
ACHIEVEMENT = 1
# the learner's certificates; completions whose certificate waits for staff
WALLET = 2 + 1 + 1
PDF = 2 + 2  # the certificate, as the view and as the renderer read it
BADGE = 2 + 1  # the certificate
REGISTER = 3 + 2  # count, one page
DETAIL = 3 + 3  # certificate, its history, their events (+ actors)
RUN = 3 + 8  # run, page count + rows + prefetch, three totals, batch
RUNS = 3 + 2  # count, one page of runs
PROGRESS = 3 + 1  # the batch


def _count(client, url, **kwargs) -> tuple[int, object]:
    client.get(url, **kwargs)  # warm caches (site shell, status list)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **kwargs)
    assert response.status_code == 200, (url, response.status_code)
    return len(queries), response


def _more(run, learner, n: int) -> list[Certificate]:
    made = []
    for _ in range(n):
        made.append(
            certificate_issue(enrollment_id=completed_enrollment_create(run=run).pk)[0]
        )
    # the learner's own, in other runs of the same course
    from ..factories import CourseRunFactory

    for _ in range(n // 10):
        other = CourseRunFactory(course=run.course)
        made.append(
            certificate_issue(
                enrollment_id=completed_enrollment_create(run=other, learner=learner).pk
            )[0]
        )
    return made


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


def test_public_endpoints_queries_do_not_grow(client, issued, run, learner, staff):
    urls = {
        f"/verify/{issued.code}": VERIFY_PAGE,
        f"/verify/{issued.code}.json": VERIFY_JSON,
        reverse("certificates:badge-status-list"): STATUS_LIST,
        reverse("certificates:jwks"): JWKS,
        reverse("certificates:badge-issuer"): ISSUER,
        f"/badges/achievements/{issued.course.translation_key}.json": ACHIEVEMENT,
    }
    for url, expected in urls.items():
        assert _count(client, url)[0] == expected, url
    made = _more(run, learner, 20)
    for certificate in made[:10]:
        certificate_revoke(certificate=certificate, actor=staff, reason="x")
    for url, expected in urls.items():
        assert _count(client, url)[0] == expected, url


def test_the_status_list_rebuild_is_a_fixed_number_of_queries(
    client, issued, run, learner
):
    from django.core.cache import cache

    url = reverse("certificates:badge-status-list")
    for extra in (0, 20):
        _more(run, learner, extra)
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        assert len(queries) == STATUS_LIST_UNCACHED


def test_lookup_queries_do_not_grow(client, issued, run, learner):
    url = reverse("certificates:verify-lookup")
    data = {"serial": issued.serial, "name": "김하늘"}
    for extra in (0, 20):
        _more(run, learner, extra)
        with CaptureQueriesContext(connection) as queries:
            response = client.post(url, data)
        assert response.status_code == 302
        assert len(queries) == LOOKUP


def test_wallet_and_download_queries_do_not_grow(client, issued, run, learner):
    client.force_login(learner)
    pdf_url = reverse("certificates:pdf", args=[issued.pk])
    for extra in (0, 20):
        _more(run, learner, extra)
        count, response = _count(client, reverse("certificates:wallet"))
        assert count == WALLET
        assert len(response.context["certificates"]) == 1 + extra // 10
        assert _count(client, pdf_url)[0] == PDF
        for name in ("badge-json", "badge-jwt"):
            url = reverse(f"certificates:{name}", args=[issued.pk])
            assert _count(client, url)[0] == BADGE, name


def test_staff_pages_queries_do_not_grow(staff_client, issued, run, learner, staff):
    batch = CertificateBatch.objects.create(run=run, mode="issue_missing", total=5)
    pages = {
        reverse("certificates:manage"): REGISTER,
        reverse("certificates:manage-detail", args=[issued.pk]): DETAIL,
        reverse("certificates:manage-run", args=[run.pk]): RUN,
        reverse("certificates:manage-runs"): RUNS,
        reverse("certificates:batch-progress", args=[batch.pk]): PROGRESS,
    }
    for url, expected in pages.items():
        assert _count(staff_client, url)[0] == expected, url
    _more(run, learner, 25)
    EnrollmentFactory.create_batch(5, run=run)  # active: not on the page
    for url, expected in pages.items():
        assert _count(staff_client, url)[0] == expected, url
