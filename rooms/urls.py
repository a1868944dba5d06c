"""URLs of the conference centre (mounted at the site root)."""

from django.urls import path

from rooms.views import (
    bookers,
    categories,
    closures,
    feeds,
    outbox,
    public,
    public_quote,
    reception,
    reports,
    requester,
    tenant,
)

app_name = "rooms"

urlpatterns = [
    path("rooms/", public.room_list, name="list"),
    # Before rooms/<slug>/ so that no room slug can shadow the organisation pages.
    path("rooms/organisation/", tenant.my_rooms, name="my_rooms"),
    path(
        "rooms/organisation/<slug:org_slug>/",
        tenant.organisation_bookings,
        name="organisation_bookings",
    ),
    path(
        "rooms/organisation/<slug:org_slug>/<int:pk>/cancel/",
        tenant.withdraw_or_cancel,
        name="organisation_cancel",
    ),
    path("rooms/my-booking/<str:token>/", requester.requester_booking, name="requester_booking"),
    path(
        "rooms/my-booking/<str:token>/cancel/",
        requester.requester_cancel,
        name="requester_cancel",
    ),
    path("rooms/<slug:slug>/", public.room_detail, name="detail"),
    path("rooms/<slug:slug>/request/", public.room_request, name="request"),
    path("rooms/<slug:slug>/request/quote/", public_quote.request_quote, name="request_quote"),
    path("rooms/<slug:slug>/request/sent/", public.request_sent, name="request_sent"),
    path("reception/", reception.reception_board, name="reception"),
    path("reception/finder/", reception.free_room_finder, name="reception_finder"),
    path("reception/bookers/", bookers.booker_matches, name="reception_bookers"),
    path("reception/requests/", reception.pending_requests, name="reception_requests"),
    path("reception/bookings/<int:pk>/move/", reception.booking_move, name="reception_move"),
    path("reception/bookings/<int:pk>/edit/", reception.booking_edit, name="reception_edit"),
    path(
        "reception/bookings/<int:pk>/cancel/confirm/",
        reception.booking_cancel_confirm,
        name="reception_cancel_confirm",
    ),
    path(
        "reception/bookings/<int:pk>/move-series/",
        reception.series_move,
        name="reception_series_move",
    ),
    path(
        "reception/bookings/<int:pk>/cancel-series/",
        reception.series_cancel,
        name="reception_series_cancel",
    ),
    path(
        "reception/bookings/<int:pk>/<str:decision>/",
        reception.decide_request,
        name="reception_decide",
    ),
    path("reception/bookings/<int:pk>/", reception.booking_detail, name="reception_booking"),
    path("reception/book/", reception.booking_new, name="reception_book"),
    path("reception/day-sheet/", reception.day_sheet, name="reception_day_sheet"),
    path("reception/closure-days/new/", closures.closure_new, name="closure_new"),
    path("reception/booker-categories/", categories.category_list, name="category_list"),
    path("reception/booker-categories/<int:pk>/", categories.category_edit, name="category_edit"),
]

# Booking e-mails, calendar feeds and usage reports.
urlpatterns += [
    path("reception/emails/booking/<int:pk>/", outbox.booking_emails, name="booking_emails"),
    path(
        "reception/emails/booking/<int:pk>/<int:email_id>/resend/",
        outbox.resend_booking_email,
        name="booking_email_resend",
    ),
    path("rooms/<slug:slug>/calendar.ics", feeds.room_feed, name="room_feed"),
    path("calendars/", feeds.my_calendars, name="calendars"),
    path("calendars/renew/", feeds.renew_token, name="calendar_renew"),
    path("calendars/revoke/", feeds.revoke_token, name="calendar_revoke"),
    path("calendars/<str:token>.ics", feeds.token_feed, name="token_feed"),
    path("reception/reports/", reports.usage_report, name="report_usage"),
    path("reception/reports/usage.csv", reports.usage_report_csv, name="report_usage_csv"),
    path(
        "reception/reports/organisations/",
        reports.organisation_report,
        name="report_organisations",
    ),
    path(
        "reception/reports/organisations.csv",
        reports.organisation_report_csv,
        name="report_organisations_csv",
    ),
]
