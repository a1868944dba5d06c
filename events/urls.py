"""Public programme, personal registration links, calendar feeds and the organisers' area."""

from django.urls import path

from events import views

app_name = "events"

urlpatterns = [
    path("events/", views.event_list, name="list"),
    path("events/calendar/", views.event_calendar, name="calendar"),
    path("events/feed.ics", views.feed_all, name="feed"),
    path("events/category/<slug:category>/feed.ics", views.feed_category, name="feed_category"),
    path("events/organiser/<slug:slug>/feed.ics", views.feed_organiser, name="feed_organiser"),
    path(
        "events/target-group/<slug:slug>/feed.ics",
        views.feed_target_group,
        name="feed_target_group",
    ),
    path("events/registration/<str:token>/", views.registration_detail, name="registration"),
    path(
        "events/registration/<str:token>/confirm/",
        views.registration_confirm,
        name="registration_confirm",
    ),
    path(
        "events/registration/<str:token>/cancel/",
        views.registration_cancel,
        name="registration_cancel",
    ),
    path("events/manage/", views.manage_list, name="manage_list"),
    path("events/manage/new/", views.event_create, name="create"),
    path("events/manage/series/new/", views.series_create, name="series_create"),
    path("events/manage/reports/", views.report, name="report"),
    path("events/manage/<slug:slug>/", views.manage_event, name="manage_event"),
    path("events/manage/<slug:slug>/edit/", views.event_edit, name="edit"),
    path("events/manage/<slug:slug>/publish/", views.event_publish, name="publish"),
    path("events/manage/<slug:slug>/approve/", views.event_approve, name="approve"),
    path("events/manage/<slug:slug>/cancel/", views.event_cancel, name="cancel"),
    path("events/manage/<slug:slug>/programme/", views.programme_add, name="programme_add"),
    path(
        "events/manage/<slug:slug>/registrations.csv",
        views.registrations_csv,
        name="registrations_csv",
    ),
    path("events/manage/<slug:slug>/checkin/", views.checkin_list, name="checkin"),
    path("events/manage/<slug:slug>/email/", views.email_participants, name="email"),
    path("events/manage/<slug:slug>/register/", views.assisted_registration, name="assisted"),
    path(
        "events/manage/<slug:slug>/registrations/<int:pk>/attendance/",
        views.registration_attendance,
        name="attendance",
    ),
    path(
        "events/manage/<slug:slug>/registrations/<int:pk>/cancel/",
        views.registration_cancel_by_organiser,
        name="registration_cancel_by_organiser",
    ),
    path("events/<slug:slug>/", views.event_detail, name="detail"),
    path("events/<slug:slug>/register/", views.event_register, name="register"),
    path("events/<slug:slug>/event.ics", views.event_ics, name="ics"),
]
