"""The town's views, under the language prefixes."""

from django.urls import path

from .town_views import bookings, directory, events, organizations, requests, search

app_name = "cms"

urlpatterns = [
    path("services/", directory.service_directory, name="services"),
    path("search/", search.search, name="search"),
    # bookings
    path("bookings/", bookings.bookable_index, name="bookings"),
    path("bookings/<int:pk>/", bookings.bookable_detail, name="bookable"),
    path("bookings/<int:pk>/book/", bookings.bookable_book, name="bookable-book"),
    path("bookings/mine/", bookings.my_bookings, name="my-bookings"),
    path(
        "bookings/mine/<int:pk>/cancel/",
        bookings.booking_cancel_view,
        name="booking-cancel",
    ),
    path("bookings/staff/", bookings.staff_bookings, name="staff-bookings"),
    path(
        "bookings/staff/<int:pk>/decide/",
        bookings.staff_booking_decide,
        name="staff-booking-decide",
    ),
    # requests
    path("requests/mine/", requests.my_requests, name="my-requests"),
    path("requests/r/<str:reference>/", requests.request_status, name="request-status"),
    path("requests/staff/", requests.staff_requests, name="staff-requests"),
    path(
        "requests/staff/<int:pk>/answer/",
        requests.staff_request_answer,
        name="staff-request-answer",
    ),
    path(
        "requests/staff/<int:page_id>/export.csv",
        requests.staff_requests_csv,
        name="staff-requests-csv",
    ),
    # events
    path("events/", events.events_calendar, name="events"),
    path(
        "events/<int:page_id>/register/",
        events.event_register_view,
        name="event-register",
    ),
    # organizations
    path("organizations/", organizations.organization_directory, name="organizations"),
    path(
        "organizations/staff/",
        organizations.staff_profile_changes,
        name="staff-profile-changes",
    ),
    path(
        "organizations/staff/<int:pk>/decide/",
        organizations.staff_profile_change_decide,
        name="staff-profile-change-decide",
    ),
    path(
        "organizations/<slug:slug>/",
        organizations.organization_detail,
        name="organization",
    ),
    path(
        "organizations/<slug:slug>/edit/",
        organizations.organization_edit,
        name="organization-edit",
    ),
]
