"""Signals that higher layers (lodging) listen to.

`session_rescheduled` is sent after the transaction that moved, shortened,
re-roomed or cancelled a lecture session commits. Arguments:

- `session`: the LectureSession as it is now;
- `old_starts_at`, `old_ends_at`: its first meeting before the change;
- `new_starts_at`, `new_ends_at`: after it (the same values when cancelled);
- `old_dates`, `new_dates`: sorted local dates of its active meetings, before
  and after (empty after a cancellation), so a listener can re-propose nights;
- `cancelled`: True when the whole session was cancelled.
"""

from django.dispatch import Signal

session_rescheduled = Signal()
