"""Signals that higher layers listen to (certificates, notifications)."""

from django.dispatch import Signal

# Sent after the transaction that completed an enrolment commits.
# Arguments: enrollment (Enrollment).
enrollment_completed = Signal()

# Sent after the transaction that withdrew a learner from a run commits.
# Arguments: enrollment (Enrollment). Lodging cancels the learner's stay.
enrollment_withdrawn = Signal()

# Sent after the transaction of `course_run_update` commits, when it changed
# something. Arguments: run (CourseRun), changed (set of field names),
# previous (dict: those fields' values before). Lodging re-checks stays when
# the dates of a residential run move.
course_run_changed = Signal()
