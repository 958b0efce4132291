"""One course run for every language.

Until now each language version of a course page had its own runs, so one
offering had two rosters, two seat counts and sessions on one side only. From
here a run belongs to the course: it points at the course's canonical page
(the oldest of its translations), its title is in both languages side by side,
and learners' records (lesson progress, quiz attempts, submissions, extensions,
grade overrides) point at the canonical page of the lesson, quiz or assignment,
so that reading a lesson in English and in Korean is one lesson done.

The data step merges per-locale twins: runs of one course (same translation
key) with the same dates. The run on the canonical page survives; whatever
pointed at a twin (enrolments, sessions, stays, certificates, batches,
cohorts, forums, study groups, mentoring slots, ...) is moved to it. Where the
same thing exists on both sides (one learner enrolled in both twins, one forum
per run), the two are folded into one, recursively, keeping the further-along
enrolment. Seats are recounted; where the merged seats exceed the capacity,
everyone stays enrolled, the capacity is raised to the seats taken (so the run
takes nobody else) and the run is reported for staff to decide. Everything
merged or folded is reported on standard output.
"""

import sys

from django.db import migrations, models
from django.db.models import ForeignObjectRel, UniqueConstraint

SEAT_HOLDING = ("active", "completed")
# which of two enrolments of one learner in one offering is kept: the further along
STATUS_RANK = {
    "completed": 6,
    "active": 5,
    "pending": 4,
    "waitlisted": 3,
    "withdrawn": 2,
    "rejected": 1,
}
ENROLLMENT_STATE = (
    "status",
    "status_changed_at",
    "completed_at",
    "final_grade",
    "decided_by_id",
    "notified_status",
)


def report(line: str) -> None:
    sys.stdout.write(f"  run_per_course: {line}\n")


def _unique_sets(model) -> list[tuple[str, ...]]:
    """The sets of field names that are unique together (unconditional ones)."""
    sets = [
        (field.name,)
        for field in model._meta.concrete_fields
        if field.unique and not field.primary_key
    ]
    for constraint in model._meta.constraints:
        if (
            isinstance(constraint, UniqueConstraint)
            and constraint.fields
            and constraint.condition is None
        ):
            sets.append(tuple(constraint.fields))
    sets.extend(tuple(fields) for fields in model._meta.unique_together)
    return sets


def _pointers(model) -> list[tuple]:
    """(model, foreign key) pairs of every row that can point at a `model` row,
    hidden relations (related_name "+", many-to-many tables) included."""
    return [
        (rel.related_model, rel.field)
        for rel in model._meta.get_fields(include_hidden=True)
        if isinstance(rel, ForeignObjectRel) and not rel.many_to_many
    ]


def _equivalent(model, row, field, target_pk):
    """A row of `model` that `row` would duplicate if its `field` pointed at
    `target_pk` (same values in a unique set that includes `field`)."""
    for names in _unique_sets(model):
        if field.name not in names:
            continue
        lookup = {}
        for name in names:
            each = model._meta.get_field(name)
            lookup[each.attname] = getattr(row, each.attname)
        lookup[field.attname] = target_pk
        if any(value is None for value in lookup.values()):
            continue
        twin = model._default_manager.filter(**lookup).exclude(pk=row.pk).first()
        if twin is not None:
            return twin
    return None


def _fold(model, source, target) -> None:
    """Move whatever points at `source` to `target`, then delete `source`."""
    label = model._meta.label
    if label == "learning.Enrollment":
        if STATUS_RANK.get(source.status, 0) > STATUS_RANK.get(target.status, 0):
            for name in ENROLLMENT_STATE:
                setattr(target, name, getattr(source, name))
        target.created_at = min(target.created_at, source.created_at)
        target.save()
        report(
            f"learner {source.learner_id} was enrolled in both language versions: "
            f"enrolment {source.pk} folded into {target.pk} (kept: {target.status})"
        )
    elif label != "learning.CourseRun":
        report(f"{label} {source.pk} folded into {target.pk}")
    for related, field in _pointers(model):
        rows = related._default_manager.filter(**{field.attname: source.pk})
        for row in list(rows):
            twin = _equivalent(related, row, field, target.pk)
            if twin is not None:
                _fold(related, row, twin)
            else:
                related._default_manager.filter(pk=row.pk).update(
                    **{field.attname: target.pk}
                )
    model._default_manager.filter(pk=source.pk).delete()


def _canonical_map(Page) -> tuple[dict[int, int], dict[int, object]]:
    """page id -> canonical page id (the oldest translation), page id -> key."""
    first: dict[object, int] = {}
    keys: dict[int, object] = {}
    for pk, key in Page.objects.order_by("pk").values_list("pk", "translation_key"):
        first.setdefault(key, pk)
        keys[pk] = key
    return {pk: first[key] for pk, key in keys.items()}, keys


def _merge_runs(apps, canonical, keys) -> None:
    CourseRun = apps.get_model("learning", "CourseRun")
    Enrollment = apps.get_model("learning", "Enrollment")
    Page = apps.get_model("wagtailcore", "Page")
    languages = dict(Page.objects.values_list("pk", "locale__language_code"))
    groups: dict[tuple, list] = {}
    for run in CourseRun.objects.order_by("pk"):
        key = (keys.get(run.course_id), run.starts_on, run.ends_on)
        groups.setdefault(key, []).append(run)
    for runs in groups.values():
        home = canonical.get(runs[0].course_id, runs[0].course_id)
        runs.sort(key=lambda run: (run.course_id != home, run.pk))
        survivor, twins = runs[0], runs[1:]
        titles = {}
        for run in runs:
            language = (languages.get(run.course_id) or "ko")[:2]
            titles.setdefault(language, run.title_ko)
        survivor.title_ko = titles.get("ko") or survivor.title_ko
        survivor.title_en = titles.get("en", "")
        if survivor.title_en == survivor.title_ko and "ko" not in titles:
            survivor.title_en = survivor.title_ko
        if survivor.course_id != home:
            report(f"run {survivor.pk} now belongs to course page {home}")
        survivor.course_id = home
        survivor.save(update_fields=["title_ko", "title_en", "course"])
        for twin in twins:
            report(
                f"run {twin.pk} ({languages.get(twin.course_id)}) merged into "
                f"run {survivor.pk}"
            )
            _fold(CourseRun, twin, survivor)
        seats = Enrollment.objects.filter(
            run_id=survivor.pk, status__in=SEAT_HOLDING
        ).count()
        capacity = survivor.capacity
        if capacity is not None and seats > capacity:
            report(
                f"run {survivor.pk} holds {seats} seats for a capacity of "
                f"{capacity}: {seats - capacity} over; everyone stays enrolled and "
                f"the capacity is raised to {seats} for staff to decide"
            )
            capacity = seats
        CourseRun.objects.filter(pk=survivor.pk).update(
            seats_taken=seats, capacity=capacity
        )


def _renumber(model, rows, number_field: str) -> None:
    """Give `rows` (one learner, one item) the numbers 1..n in their order."""
    manager = model._default_manager
    for offset, row in enumerate(rows):
        manager.filter(pk=row.pk).update(**{number_field: 30000 - offset})
    for position, row in enumerate(rows, start=1):
        manager.filter(pk=row.pk).update(**{number_field: position})


def _canonical_records(apps, canonical) -> None:
    LessonProgress = apps.get_model("learning", "LessonProgress")
    QuizAttempt = apps.get_model("learning", "QuizAttempt")
    Submission = apps.get_model("learning", "Submission")
    AssignmentExtension = apps.get_model("learning", "AssignmentExtension")
    GradeOverride = apps.get_model("learning", "GradeOverride")

    def moved(pk):
        return canonical.get(pk, pk)

    translations: dict[int, list[int]] = {}
    for pk, to in canonical.items():
        translations.setdefault(to, []).append(pk)

    for record in LessonProgress.objects.order_by("pk"):
        lesson, course = moved(record.lesson_id), moved(record.course_id)
        if (lesson, course) == (record.lesson_id, record.course_id):
            continue
        kept = (
            LessonProgress.objects.filter(learner_id=record.learner_id, lesson_id=lesson)
            .exclude(pk=record.pk)
            .first()
        )
        if kept is None:
            LessonProgress.objects.filter(pk=record.pk).update(
                lesson_id=lesson, course_id=course
            )
            continue
        kept.first_viewed_at = min(kept.first_viewed_at, record.first_viewed_at)
        kept.last_viewed_at = max(kept.last_viewed_at, record.last_viewed_at)
        done = [at for at in (kept.completed_at, record.completed_at) if at]
        kept.completed_at = min(done) if done else None
        kept.course_id = course
        kept.save()
        record.delete()
        report(
            f"learner {record.learner_id}: lesson {record.lesson_id} read in two "
            f"languages counts once (progress {kept.pk})"
        )

    touched = set()
    for attempt in QuizAttempt.objects.order_by("pk"):
        if moved(attempt.quiz_id) != attempt.quiz_id:
            touched.add((attempt.learner_id, moved(attempt.quiz_id)))
    for learner_id, quiz_id in sorted(touched):
        attempts = list(
            QuizAttempt.objects.filter(
                learner_id=learner_id, quiz_id__in=translations[quiz_id]
            ).order_by("started_at", "pk")
        )
        open_ones = [a for a in attempts if a.status == "in_progress"]
        for attempt in open_ones[:-1]:
            # only one attempt may stay open: the older is closed ungraded
            QuizAttempt.objects.filter(pk=attempt.pk).update(
                status="submitted", submitted_at=attempt.started_at
            )
            report(f"quiz attempt {attempt.pk} closed: a newer one is open")
        _renumber(QuizAttempt, attempts, "number")
        QuizAttempt.objects.filter(pk__in=[a.pk for a in attempts]).update(
            quiz_id=quiz_id
        )

    touched = set()
    for submission in Submission.objects.order_by("pk"):
        if moved(submission.assignment_id) != submission.assignment_id:
            touched.add((submission.learner_id, moved(submission.assignment_id)))
    for learner_id, assignment_id in sorted(touched):
        versions = list(
            Submission.objects.filter(
                learner_id=learner_id,
                assignment_id__in=translations[assignment_id],
            ).order_by("submitted_at", "pk")
        )
        current = [s for s in versions if s.status != "superseded"]
        Submission.objects.filter(pk__in=[s.pk for s in current[:-1]]).update(
            status="superseded"
        )
        _renumber(Submission, versions, "version")
        Submission.objects.filter(pk__in=[s.pk for s in versions]).update(
            assignment_id=assignment_id
        )

    for extension in AssignmentExtension.objects.order_by("pk"):
        target = moved(extension.assignment_id)
        if target == extension.assignment_id:
            continue
        kept = (
            AssignmentExtension.objects.filter(
                learner_id=extension.learner_id, assignment_id=target
            )
            .exclude(pk=extension.pk)
            .first()
        )
        if kept is None:
            AssignmentExtension.objects.filter(pk=extension.pk).update(
                assignment_id=target
            )
        else:
            if extension.due_at > kept.due_at:
                kept.due_at = extension.due_at
                kept.reason = extension.reason
                kept.save()
            extension.delete()

    for override in GradeOverride.objects.order_by("pk"):
        if moved(override.item_id) != override.item_id:
            GradeOverride.objects.filter(pk=override.pk).update(
                item_id=moved(override.item_id)
            )


def run_per_course(apps, schema_editor) -> None:
    Page = apps.get_model("wagtailcore", "Page")
    canonical, keys = _canonical_map(Page)
    _merge_runs(apps, canonical, keys)
    _canonical_records(apps, canonical)


class Migration(migrations.Migration):
    dependencies = [
        ("learning", "0003_completion_rules_range"),
        ("courses", "0003_assessments"),
        ("timetable", "0002_exclusion_constraints"),
        ("lodging", "0002_release_holds_schedule"),
        ("certificates", "0002_default_template"),
        ("community", "0002_periodic_tasks"),
    ]

    operations = [
        migrations.RenameField(
            model_name="courserun", old_name="title", new_name="title_ko"
        ),
        migrations.AlterField(
            model_name="courserun",
            name="title_ko",
            field=models.CharField(
                help_text="e.g. 2026 spring, cohort 3",
                max_length=200,
                verbose_name="title (Korean)",
            ),
        ),
        migrations.AddField(
            model_name="courserun",
            name="title_en",
            field=models.CharField(
                blank=True,
                default="",
                help_text="Leave empty to show the Korean title.",
                max_length=200,
                verbose_name="title (English)",
            ),
            preserve_default=False,
        ),
        migrations.RunPython(run_per_course, migrations.RunPython.noop),
    ]
