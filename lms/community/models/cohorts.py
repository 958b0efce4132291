"""Cohorts: groups of learners within a course run, and content only they see."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class FillStrategy(models.TextChoices):
    """How learners without a cohort are put into one."""

    ROUND_ROBIN = "round_robin", _("Round-robin into the run's cohorts")
    ORGANIZATION = "organization", _("One cohort per organization")
    REGION = "region", _("One cohort per region")


class Cohort(models.Model):
    """A group of learners of one course run: they get a forum of their own and
    may be the only ones to see some lessons.

    A learner belongs to at most one cohort per run (a unique constraint on
    `CohortMembership`). Cohorts made by an automatic fill carry the key of what
    they group by (`org:12`, `region:jeonbuk`) so that a second fill finds them.
    """

    run = models.ForeignKey(
        "learning.CourseRun",
        verbose_name=_("course run"),
        on_delete=models.CASCADE,
        related_name="cohorts",
    )
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True, max_length=2000)
    auto_key = models.CharField(
        max_length=80,
        blank=True,
        editable=False,
        help_text="What an automatic fill grouped by; empty for cohorts made by hand.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")
        ordering = ["run", "name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["run", "name"], name="cohort_name_per_run"),
            models.UniqueConstraint(
                fields=["run", "auto_key"],
                condition=~Q(auto_key=""),
                name="cohort_auto_key_per_run",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.run} · {self.name}"


class CohortMembership(models.Model):
    """A learner's place in a cohort. `run` repeats the cohort's run so that the
    database can refuse a second cohort in the same run.
    """

    cohort = models.ForeignKey(
        Cohort, on_delete=models.CASCADE, related_name="memberships"
    )
    run = models.ForeignKey(
        "learning.CourseRun", on_delete=models.CASCADE, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learner"),
        on_delete=models.CASCADE,
        related_name="cohort_memberships",
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    source = models.CharField(
        _("how"), max_length=16, default="manual", help_text="manual or a fill strategy"
    )
    added_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        verbose_name = _("cohort member")
        verbose_name_plural = _("cohort members")
        ordering = ["cohort", "added_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["run", "user"], name="cohort_one_per_learner_and_run"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.cohort.name}"


class RunCohortSettings(models.Model):
    """Per run: whether new learners are put into a cohort as they enrol."""

    run = models.OneToOneField(
        "learning.CourseRun",
        verbose_name=_("course run"),
        on_delete=models.CASCADE,
        related_name="cohort_settings",
    )
    auto_assign = models.CharField(
        _("assign new learners"),
        max_length=16,
        choices=FillStrategy.choices,
        blank=True,
        help_text=_("Leave empty to assign learners by hand."),
    )

    class Meta:
        verbose_name = _("cohort settings of a run")
        verbose_name_plural = _("cohort settings of runs")

    def __str__(self) -> str:
        return str(self.run)


class LessonCohortRestriction(models.Model):
    """A lesson (or quiz, or assignment) that only some cohorts may open.

    Learners outside those cohorts get a 404, as if the page did not exist; the
    course's instructors and center staff always see it.
    """

    page = models.OneToOneField(
        "wagtailcore.Page",
        verbose_name=_("lesson"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    cohorts = models.ManyToManyField(
        Cohort, verbose_name=_("cohorts"), related_name="restricted_pages"
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("cohort-only lesson")
        verbose_name_plural = _("cohort-only lessons")

    def __str__(self) -> str:
        return str(self.page)
