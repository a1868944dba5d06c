from django.urls import path

from sociallab.views import applicant, public, reports, review, staff, ventures

app_name = "sociallab"

urlpatterns = [
    path("", public.index, name="index"),
    path("calls/<slug:slug>/", public.call_detail, name="call"),
    path("calls/<slug:slug>/apply/", public.apply, name="apply"),
    # founders
    path("applications/", applicant.my_applications, name="my_applications"),
    path("applications/<int:pk>/", applicant.application_detail, name="application"),
    path("applications/<int:pk>/edit/", applicant.application_edit, name="application_edit"),
    path("applications/<int:pk>/submit/", applicant.application_submit, name="application_submit"),
    path(
        "applications/<int:pk>/withdraw/",
        applicant.application_withdraw,
        name="application_withdraw",
    ),
    path("applications/<int:pk>/invite/", applicant.application_invite, name="application_invite"),
    path(
        "applications/<int:pk>/comment/", applicant.application_comment, name="application_comment"
    ),
    path("applications/<int:pk>/keep/", applicant.application_keep, name="application_keep"),
    path("applications/<int:pk>/answer/", applicant.application_answer, name="application_answer"),
    path("join/<str:token>/", applicant.join, name="join"),
    # reviewers
    path("review/", review.review_home, name="review_home"),
    path("review/<int:call_pk>/", review.review_list, name="review_list"),
    path("review/<int:call_pk>/<int:pk>/", review.review_form, name="review_form"),
    path("review/<int:call_pk>/<int:pk>/bid/", review.review_bid, name="review_bid"),
    path("review/<int:call_pk>/<int:pk>/conflict/", review.review_conflict, name="review_conflict"),
    # ventures, mentoring
    path("ventures/", ventures.venture_list, name="venture_list"),
    path("ventures/<int:pk>/", ventures.venture_detail, name="venture"),
    path("ventures/<int:pk>/goals/", ventures.venture_goals, name="venture_goals"),
    path("ventures/<int:pk>/review/", ventures.venture_review, name="venture_review"),
    path("ventures/<int:pk>/milestones/", ventures.venture_milestone, name="venture_milestone"),
    path(
        "ventures/<int:pk>/milestones/<int:milestone_pk>/done/",
        ventures.milestone_done,
        name="milestone_done",
    ),
    path("ventures/<int:pk>/mentors/", ventures.venture_mentor, name="venture_mentor"),
    path("ventures/<int:pk>/book/<int:slot_pk>/", ventures.venture_book, name="venture_book"),
    path("ventures/<int:pk>/funding/", ventures.venture_funding, name="venture_funding"),
    path(
        "ventures/<int:pk>/funding/<int:funding_pk>/status/",
        ventures.funding_status,
        name="funding_status",
    ),
    path(
        "ventures/<int:pk>/funding/<int:funding_pk>/reports/",
        ventures.funding_report,
        name="funding_report",
    ),
    path(
        "ventures/<int:pk>/reports/<int:report_pk>/done/", ventures.report_done, name="report_done"
    ),
    path("ventures/<int:pk>/graduate/", ventures.venture_graduate, name="venture_graduate"),
    path("sessions/<int:pk>/", ventures.session_detail, name="session"),
    path("sessions/<int:pk>/actions/", ventures.session_action, name="session_action"),
    path("mentoring/", ventures.mentor_home, name="mentor_home"),
    # staff
    path("staff/", staff.staff_home, name="staff_home"),
    path("staff/calls/new/", staff.call_create, name="call_create"),
    path("staff/calls/<int:pk>/", staff.call_manage, name="call_manage"),
    path("staff/calls/<int:pk>/setup/", staff.call_setup, name="call_setup"),
    path("staff/calls/<int:pk>/release/", staff.call_release, name="call_release"),
    path("staff/calls/<int:pk>/assign-bids/", staff.call_assign_bids, name="call_assign_bids"),
    path("staff/applications/<int:pk>/", staff.staff_application, name="staff_application"),
    path("staff/applications/<int:pk>/decide/", staff.staff_decide, name="staff_decide"),
    path("staff/applications/<int:pk>/assign/", staff.staff_assign, name="staff_assign"),
    path("staff/applications/<int:pk>/conflict/", staff.staff_conflict, name="staff_conflict"),
    path("staff/applications/<int:pk>/redact/", staff.staff_redact, name="staff_redact"),
    path("staff/reports/", reports.reports, name="reports"),
]
