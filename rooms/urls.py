"""URLs of the conference centre (mounted at the site root)."""

from django.urls import path

from rooms.views import public, reception, tenant

app_name = "rooms"

urlpatterns = [
    path("rooms/", public.room_list, name="list"),
    path("rooms/<slug:slug>/", public.room_detail, name="detail"),
    path("rooms/<slug:slug>/request/", public.room_request, name="request"),
    path("rooms/<slug:slug>/request/sent/", public.request_sent, name="request_sent"),
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
    path("reception/", reception.reception_board, name="reception"),
    path("reception/finder/", reception.free_room_finder, name="reception_finder"),
    path("reception/requests/", reception.pending_requests, name="reception_requests"),
    path(
        "reception/bookings/<int:pk>/<str:decision>/",
        reception.decide_request,
        name="reception_decide",
    ),
    path("reception/bookings/<int:pk>/", reception.booking_detail, name="reception_booking"),
    path("reception/book/", reception.booking_new, name="reception_book"),
    path("reception/day-sheet/", reception.day_sheet, name="reception_day_sheet"),
]
