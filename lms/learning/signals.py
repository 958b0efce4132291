"""Signals that higher layers listen to (certificates, notifications)."""

from django.dispatch import Signal

# Sent after the transaction that completed an enrolment commits.
# Arguments: enrollment (Enrollment).
enrollment_completed = Signal()

# Sent after the transaction that withdrew a learner from a run commits.
# Arguments: enrollment (Enrollment). Lodging cancels the learner's stay.
enrollment_withdrawn = Signal()
