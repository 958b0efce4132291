"""Events across the town: markets, performances, fairs and seminars.

An `EventPage` happens once or repeats (an RFC 5545 rule, checked and
expanded by the timetable's recurrence code); single occurrences can be
cancelled or moved (`EventException`). Registration is for the event as a
whole (a series: all its dates), or, for a series with `register_per_date`,
for one date of it (its date in the series, `occurrence_date`); either way
counted in an `EventSeats` row (one per event, or one per date) that a check
constraint keeps within capacity; past capacity, people join a waitlist.
Seats and registrations are keyed by the page's translation key, so the
Korean and English pages share them.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from lms.core.blocks import BaseStreamBlock
from lms.core.page_cache import AnonymousPageCacheMixin
from lms.core.routing import CachedViewRestrictionsMixin


class EventIndexPage(CachedViewRestrictionsMixin, AnonymousPageCacheMixin, Page):
    """What's on in the town: the events, with a link to the calendar."""

    intro = RichTextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.EventPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("events index page")

    def get_context(self, request, *args, **kwargs):
        from .selectors import event_occurrences_between, events_window

        context = super().get_context(request, *args, **kwargs)
        start, end = events_window()
        context["occurrences"] = event_occurrences_between(start=start, end=end)
        return context


class EventStatus(models.TextChoices):
    SCHEDULED = "scheduled", pgettext_lazy("event", "Scheduled")
    CANCELLED = "cancelled", _("Cancelled")
    POSTPONED = "postponed", _("Postponed")


class AttendanceMode(models.TextChoices):
    OFFLINE = "offline", _("In person")
    ONLINE = "online", _("Online")
    MIXED = "mixed", _("In person and online")


class EventPage(CachedViewRestrictionsMixin, AnonymousPageCacheMixin, Page):
    """An event at a space or a room, once or repeating, with registration."""

    summary = models.TextField(_("summary"), max_length=400)
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    rrule = models.CharField(
        _("repeats"),
        max_length=300,
        blank=True,
        help_text=_(
            "An RFC 5545 rule, e.g. FREQ=WEEKLY;BYDAY=SA;COUNT=20. Empty: once."
        ),
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=EventStatus.choices,
        default=EventStatus.SCHEDULED,
    )
    attendance_mode = models.CharField(
        pgettext_lazy("event", "attendance"),
        max_length=16,
        choices=AttendanceMode.choices,
        default=AttendanceMode.OFFLINE,
    )
    venue_space = models.ForeignKey(
        "cms.TownSpacePage",
        verbose_name=_("space"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    venue_room = models.ForeignKey(
        "timetable.Room",
        verbose_name=pgettext_lazy("lecture room", "room"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    venue_detail = models.CharField(_("where exactly"), max_length=200, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    organiser = models.CharField(_("organiser"), max_length=200, blank=True)
    capacity = models.PositiveIntegerField(
        _("places"), default=0, help_text=_("0: no registration.")
    )
    register_per_date = models.BooleanField(
        _("places per date"),
        default=False,
        help_text=_(
            "For a repeating event: people register for one date, and each date "
            "has this many places."
        ),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
                FieldPanel("rrule"),
                InlinePanel("exceptions", label=_("Cancelled or moved dates")),
                FieldPanel("status"),
            ],
            _("When"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("attendance_mode"),
                FieldPanel("venue_space"),
                FieldPanel("venue_room"),
                FieldPanel("venue_detail"),
                FieldPanel("online_url"),
            ],
            _("Where"),
        ),
        FieldPanel("organiser"),
        FieldPanel("capacity"),
        FieldPanel("register_per_date"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("organiser"),
    ]
    parent_page_types = ["cms.EventIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("event page")

    def clean(self):
        from django.core.exceptions import ValidationError

        from lms.timetable.recurrence import RecurrenceError, rrule_normalise

        super().clean()
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("The event must end after it starts.")})
        try:
            self.rrule = rrule_normalise(self.rrule)
        except RecurrenceError as error:
            raise ValidationError({"rrule": error.message}) from error
        if self.register_per_date and not self.rrule:
            raise ValidationError(
                {
                    "register_per_date": _(
                        "Places per date need a repeating event: give a rule "
                        "under “repeats”."
                    )
                }
            )

    def get_context(self, request, *args, **kwargs):
        from .selectors import event_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(event_page_context(page=self, request=request))
        return context

    @property
    def is_cancelled(self) -> bool:
        return self.status == EventStatus.CANCELLED

    @property
    def uid(self) -> str:
        return f"town-event-{self.translation_key}@campus"

    def venue_name(self) -> str:
        parts = []
        if self.venue_room_id:
            parts.append(str(self.venue_room))
        elif self.venue_space_id:
            # the venue is chosen in the event page's own language
            parts.append(self.venue_space.title)
        if self.venue_detail:
            parts.append(self.venue_detail)
        return ", ".join(parts)


class EventException(Orderable):
    """One date of a series that is cancelled, or moved to another time."""

    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="exceptions")
    original_date = models.DateField(_("date in the series"))
    cancelled = models.BooleanField(_("cancelled"), default=True)
    new_starts_at = models.DateTimeField(_("moved to: starts"), null=True, blank=True)
    new_ends_at = models.DateTimeField(_("moved to: ends"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    panels = [
        FieldPanel("original_date"),
        FieldPanel("cancelled"),
        FieldRowPanel([FieldPanel("new_starts_at"), FieldPanel("new_ends_at")]),
        FieldPanel("note"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("cancelled or moved date")
        verbose_name_plural = _("cancelled or moved dates")
        constraints = [
            models.CheckConstraint(
                condition=Q(cancelled=True)
                | Q(
                    new_starts_at__isnull=False,
                    new_ends_at__isnull=False,
                    new_ends_at__gt=F("new_starts_at"),
                ),
                name="event_exception_moved_has_times",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.original_date:%Y-%m-%d}"


class EventSeats(models.Model):
    """The places of an event (all its languages), or of one date of a series
    registered per date, and how many are taken."""

    event_key = models.UUIDField()
    occurrence_date = models.DateField(null=True, blank=True)
    capacity = models.PositiveIntegerField()
    taken = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("event places")
        verbose_name_plural = _("event places")
        constraints = [
            models.CheckConstraint(
                condition=Q(taken__lte=F("capacity")),
                name="event_seats_within_capacity",
            ),
            models.UniqueConstraint(
                fields=["event_key"],
                condition=Q(occurrence_date__isnull=True),
                name="event_seats_once_per_event",
            ),
            models.UniqueConstraint(
                fields=["event_key", "occurrence_date"],
                condition=Q(occurrence_date__isnull=False),
                name="event_seats_once_per_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.event_key}: {self.taken}/{self.capacity}"


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Registered")
    WAITLISTED = "waitlisted", _("On the waitlist")
    CANCELLED = "cancelled", _("Cancelled")


class EventRegistration(models.Model):
    """A person's place at an event (or at one date of it), or on its waitlist."""

    event_key = models.UUIDField(db_index=True)
    occurrence_date = models.DateField(_("date in the series"), null=True, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="event_registrations",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=RegistrationStatus.choices
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("event registration")
        verbose_name_plural = _("event registrations")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event_key", "user"],
                condition=~Q(status="cancelled") & Q(occurrence_date__isnull=True),
                name="event_registration_once",
            ),
            models.UniqueConstraint(
                fields=["event_key", "occurrence_date", "user"],
                condition=~Q(status="cancelled") & Q(occurrence_date__isnull=False),
                name="event_registration_once_per_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.event_key} · {self.user_id}: {self.status}"
