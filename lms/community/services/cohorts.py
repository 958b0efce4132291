"""Writes about cohorts: made by hand, filled automatically, members moved.

The run's row is locked while its cohorts are filled, so two fills (or a fill
and an enrolment's automatic assignment) never put a learner in two cohorts;
the unique (run, learner) constraint on memberships backs that up.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils.translation import gettext as _

from lms.accounts.models import Region, User
from lms.learning.models import SEAT_HOLDING, CourseRun, Enrollment

from ..models import Cohort, CohortMembership, FillStrategy, RunCohortSettings
from ..permissions import run_teacher
from .errors import CommunityError, CommunityForbidden

NAME_MAX = 120
MAX_NEW_COHORTS = 50


def _require_teacher(*, actor: User | None, run: CourseRun) -> None:
    if actor is not None and not run_teacher(user=actor, run=run):
        raise CommunityForbidden(
            _("Only the course's instructors and center staff can manage cohorts.")
        )


class CohortNameError(CommunityError):
    """A cohort name that is empty, too long or taken in the run."""

    field = "name"


def _cohort_name_clean(*, run: CourseRun, name: str, cohort_pk=None) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise CohortNameError(_("Give the cohort a name."))
    if len(name) > NAME_MAX:
        raise CohortNameError(_("That name is too long."))
    if Cohort.objects.filter(run=run, name=name).exclude(pk=cohort_pk).exists():
        raise CohortNameError(_("This run already has a cohort of that name."))
    return name


@transaction.atomic
def cohort_create(
    *, run: CourseRun, name: str, actor: User | None, description: str = ""
) -> Cohort:
    """A cohort made by hand."""
    _require_teacher(actor=actor, run=run)
    name = _cohort_name_clean(run=run, name=name)
    return Cohort.objects.create(
        run=run, name=name, description=description.strip(), created_by=actor
    )


@transaction.atomic
def cohort_update(
    *, cohort: Cohort, actor: User | None, name: str, description: str = ""
) -> Cohort:
    """Rename a cohort or change its description (its run stays)."""
    cohort = Cohort.objects.select_for_update().get(pk=cohort.pk)
    _require_teacher(actor=actor, run=cohort.run)
    cohort.name = _cohort_name_clean(run=cohort.run, name=name, cohort_pk=cohort.pk)
    cohort.description = (description or "").strip()
    cohort.save(update_fields=["name", "description"])
    return cohort


@transaction.atomic
def cohort_member_set(
    *, cohort: Cohort, learner: User, actor: User | None
) -> CohortMembership:
    """Put a learner of the run in `cohort`, moving them from another cohort of
    the same run if they were in one.
    """
    run = CourseRun.objects.select_for_update().get(pk=cohort.run_id)
    _require_teacher(actor=actor, run=run)
    if not Enrollment.objects.filter(
        run=run, learner=learner, status__in=SEAT_HOLDING
    ).exists():
        raise CommunityError(_("Only learners of the run can be in its cohorts."))
    membership = CohortMembership.objects.filter(run=run, user=learner).first()
    if membership is None:
        return CohortMembership.objects.create(
            cohort=cohort, run=run, user=learner, added_by=actor, source="manual"
        )
    if membership.cohort_id != cohort.pk:
        membership.cohort, membership.added_by, membership.source = (
            cohort,
            actor,
            "manual",
        )
        membership.save(update_fields=["cohort", "added_by", "source"])
    return membership


@transaction.atomic
def cohort_member_remove(*, cohort: Cohort, learner: User, actor: User) -> None:
    run = CourseRun.objects.select_for_update().get(pk=cohort.run_id)
    _require_teacher(actor=actor, run=run)
    CohortMembership.objects.filter(cohort=cohort, user=learner).delete()


@dataclass
class FillReport:
    """What a fill did: learners added per cohort name, and cohorts it made."""

    added: Counter = field(default_factory=Counter)
    created: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.added.values())


def _keyed_cohort(
    *, run: CourseRun, key: str, name: str, cache: dict, report: FillReport, actor
) -> Cohort:
    if key in cache:
        return cache[key]
    cohort = Cohort.objects.filter(run=run, auto_key=key).first()
    if cohort is None:
        unique = name[:NAME_MAX]
        n = 2
        while Cohort.objects.filter(run=run, name=unique).exists():
            unique = f"{name[: NAME_MAX - 4]} ({n})"
            n += 1
        cohort = Cohort.objects.create(
            run=run, name=unique, auto_key=key, created_by=actor
        )
        report.created.append(cohort.name)
    cache[key] = cohort
    return cohort


def _group_key(*, learner: User, strategy: str) -> tuple[str, str]:
    """The (auto_key, name) of the cohort a learner goes to by organization or
    region.
    """
    organization = learner.organization
    if strategy == FillStrategy.ORGANIZATION:
        if organization is None:
            return "org:none", _("No organization")
        return f"org:{organization.pk}", str(organization)
    if organization is None:
        return "region:none", _("Region not given")
    return f"region:{organization.region}", str(Region(organization.region).label)


@transaction.atomic
def cohorts_fill(
    *,
    run: CourseRun,
    strategy: str,
    actor: User | None,
    cohort_count: int | None = None,
) -> FillReport:
    """Put every learner of the run who has no cohort yet into one.

    - round-robin: into the run's cohorts, each learner to the smallest one
      (ties: the first), so sizes differ by at most one among those filled;
      with no cohorts yet, `cohort_count` of them are made first;
    - organization / region: one cohort per organization or per region of the
      learner's organization, made when first needed and found again later.
    Learners are taken in the order they enrolled.
    """
    run = CourseRun.objects.select_for_update().get(pk=run.pk)
    _require_teacher(actor=actor, run=run)
    if strategy not in FillStrategy.values:
        raise CommunityError(_("Choose how to fill the cohorts."))
    report = FillReport()
    placed = CohortMembership.objects.filter(run=run).values("user_id")
    learners = [
        e.learner
        for e in Enrollment.objects.filter(run=run, status__in=SEAT_HOLDING)
        .exclude(learner_id__in=placed)
        .select_related("learner__organization")
        .order_by("created_at", "pk")
    ]
    rows = []
    if strategy == FillStrategy.ROUND_ROBIN:
        cohorts = list(Cohort.objects.filter(run=run).order_by("name", "pk"))
        if not cohorts:
            count = cohort_count or 2
            if not 1 <= count <= MAX_NEW_COHORTS:
                raise CommunityError(
                    _("Make between 1 and %(max)d cohorts.") % {"max": MAX_NEW_COHORTS}
                )
            for n in range(1, count + 1):
                cohorts.append(
                    Cohort.objects.create(
                        run=run,
                        name=_("Cohort %(number)d") % {"number": n},
                        created_by=actor,
                    )
                )
                report.created.append(cohorts[-1].name)
        sizes = Counter(
            dict(
                CohortMembership.objects.filter(run=run)
                .values("cohort_id")
                .annotate(n=Count("pk"))
                .values_list("cohort_id", "n")
            )
        )
        for learner in learners:
            cohort = min(cohorts, key=lambda c: (sizes[c.pk], cohorts.index(c)))
            sizes[cohort.pk] += 1
            rows.append((cohort, learner))
    else:
        cache: dict[str, Cohort] = {}
        for learner in learners:
            key, name = _group_key(learner=learner, strategy=strategy)
            cohort = _keyed_cohort(
                run=run, key=key, name=name, cache=cache, report=report, actor=actor
            )
            rows.append((cohort, learner))
    CohortMembership.objects.bulk_create(
        [
            CohortMembership(
                cohort=cohort, run=run, user=learner, added_by=actor, source=strategy
            )
            for cohort, learner in rows
        ]
    )
    for cohort, _learner in rows:
        report.added[cohort.name] += 1
    return report


def cohort_auto_assign(*, enrollment_id: int) -> CohortMembership | None:
    """Put a newly enrolled learner in a cohort if their run asks for it.

    Idempotent: a learner already in a cohort of the run stays where they are.
    """
    enrollment = (
        Enrollment.objects.select_related("learner__organization", "run")
        .filter(pk=enrollment_id, status__in=SEAT_HOLDING)
        .first()
    )
    if enrollment is None:
        return None
    strategy = (
        RunCohortSettings.objects.filter(run_id=enrollment.run_id)
        .values_list("auto_assign", flat=True)
        .first()
    )
    if not strategy:
        return None
    with transaction.atomic():
        run = CourseRun.objects.select_for_update().get(pk=enrollment.run_id)
        existing = CohortMembership.objects.filter(
            run=run, user_id=enrollment.learner_id
        ).first()
        if existing is not None:
            return existing
        if strategy == FillStrategy.ROUND_ROBIN:
            cohorts = list(Cohort.objects.filter(run=run).order_by("name", "pk"))
            if not cohorts:
                return None
            cohort = min(
                cohorts, key=lambda c: (c.memberships.count(), cohorts.index(c))
            )
        else:
            key, name = _group_key(learner=enrollment.learner, strategy=strategy)
            cohort = _keyed_cohort(
                run=run, key=key, name=name, cache={}, report=FillReport(), actor=None
            )
        try:
            with transaction.atomic():
                return CohortMembership.objects.create(
                    cohort=cohort, run=run, user=enrollment.learner, source=strategy
                )
        except IntegrityError:
            return CohortMembership.objects.get(run=run, user=enrollment.learner)
