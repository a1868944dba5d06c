from django.urls import path

from house.volunteers.views import coordination, management, planning, public, volunteer

app_name = "volunteers"

urlpatterns = [
    path("", public.opportunity_list, name="opportunities"),
    path("o/<slug:slug>/", public.opportunity_detail, name="opportunity"),
    path("o/<slug:slug>/thanks/", public.interest_sent, name="interest_sent"),
    path("offer/<str:token>/", public.offer, name="offer"),
    path("stand-in/<str:token>/", public.stand_in, name="stand_in"),
    path("verify/", public.verify, name="verify"),
    path("calendar/<str:token>.ics", public.feed, name="feed"),
    path("register/", volunteer.register, name="register"),
    path("profile/", volunteer.profile, name="profile"),
    path("profile/consent/", volunteer.consent, name="consent"),
    path("shifts/", volunteer.shift_list, name="shifts"),
    path("shifts/<int:pk>/", volunteer.shift_detail, name="shift"),
    path("my-shifts/", volunteer.my_shifts, name="my_shifts"),
    path("my-shifts/<int:pk>/cancel/", volunteer.cancel, name="cancel"),
    path("my-shifts/<int:pk>/stand-in/", volunteer.cannot_come, name="cannot_come"),
    path("hours/", volunteer.hours_view, name="hours"),
    path("hours/certificate/", volunteer.issue_certificate, name="issue_certificate"),
    path("certificates/<str:code>.pdf", volunteer.certificate, name="certificate"),
    path("coordination/", coordination.week, name="coordination"),
    path("coordination/plan/", coordination.plan, name="plan"),
    path("coordination/planning/", planning.planning, name="planning"),
    path("coordination/series/<int:pk>/extend/", planning.extend_series, name="extend_series"),
    path("coordination/shifts/<int:pk>/", coordination.shift, name="coordination_shift"),
    path("coordination/attendance/<int:pk>/", coordination.attendance, name="attendance"),
    path("coordination/volunteers/", coordination.volunteer_list, name="coordination_volunteers"),
    path(
        "coordination/volunteers/new/", coordination.register_on_behalf, name="register_on_behalf"
    ),
    path(
        "coordination/volunteers/<int:pk>/",
        coordination.volunteer_detail,
        name="coordination_volunteer",
    ),
    path(
        "coordination/volunteers/<int:pk>/qualification/",
        coordination.add_qualification,
        name="add_qualification",
    ),
    path(
        "coordination/volunteers/<int:pk>/conduct-certificate/",
        coordination.add_conduct_certificate,
        name="add_conduct_certificate",
    ),
    path(
        "coordination/volunteers/<int:pk>/allowance/",
        coordination.add_allowance,
        name="add_allowance",
    ),
    path("coordination/hours/<int:pk>/approve/", coordination.approve_hours, name="approve_hours"),
    path("coordination/interests/", coordination.interests, name="interests"),
    path("tenure/", management.tenure_list, name="tenure_list"),
    path("tenure/<int:pk>/", management.tenure, name="tenure"),
]
