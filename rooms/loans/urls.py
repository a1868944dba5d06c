from django.urls import path

from rooms.loans import views

app_name = "loans"

urlpatterns = [
    path("", views.desk, name="desk"),
    path("<int:pk>/<slug:step>/", views.change, name="change"),
    path("organisations/<slug:org_slug>/", views.organisation_loans, name="organisation"),
    path("bookings/<int:pk>/", views.booking_equipment, name="booking"),
]
