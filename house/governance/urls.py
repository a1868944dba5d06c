from django.urls import path

from .views import committees, decisions, meetings, minutes, oparl, polls, public

app_name = "governance"

committee = "committees/<slug:slug>/"

urlpatterns = [
    path("curatorium/", public.curatorium, name="public"),
    path("curatorium/minutes/<int:pk>/", public.public_minutes, name="public_minutes"),
    path("curatorium/minutes/<int:pk>/pdf/", public.public_minutes_pdf, name="public_minutes_pdf"),
    path("committees/", committees.my_committees, name="my_committees"),
    path(committee, committees.committee, name="committee"),
    path(committee + "resolutions/", committees.resolutions, name="resolutions"),
    path(committee + "actions/<int:pk>/", committees.action_status, name="action_status"),
    path(committee + "meetings/new/", meetings.meeting_new, name="meeting_new"),
    path(committee + "meetings/<int:pk>/", meetings.meeting, name="meeting"),
    path(committee + "date-polls/new/", polls.poll_new, name="date_poll_new"),
    path(committee + "date-polls/<int:pk>/", polls.poll, name="date_poll"),
    path(committee + "date-polls/<int:pk>/<str:step>/", polls.poll_step, name="date_poll_step"),
    path(committee + "meetings/<int:pk>/delegation/", meetings.delegation, name="delegation"),
    path(committee + "papers/<int:pk>/", meetings.paper, name="paper"),
    path(committee + "<str:kind>/<int:pk>/delete/", meetings.delete, name="delete"),
    path(committee + "votes/<int:pk>/delegate/", decisions.vote_delegate, name="vote_delegate"),
    path(committee + "meetings/<int:pk>/apologies/", meetings.apologies, name="apologies"),
    path(committee + "meetings/<int:pk>/agenda/", meetings.agenda_add, name="agenda_add"),
    path(committee + "meetings/<int:pk>/invite/", meetings.invite, name="invite"),
    path(committee + "meetings/<int:pk>/attendance/", meetings.attendance, name="attendance"),
    path(committee + "meetings/<int:pk>/papers/", meetings.paper_add, name="paper_add"),
    path(committee + "meetings/<int:pk>/minutes/", minutes.minutes_draft, name="minutes_draft"),
    path(committee + "meetings/<int:pk>/<str:step>/", meetings.meeting_step, name="meeting_step"),
    path(committee + "papers/<int:pk>/v<int:number>/", meetings.paper_file, name="paper_file"),
    path(committee + "items/<int:item_pk>/vote/", meetings.vote_open, name="vote_open"),
    path(committee + "votes/<int:pk>/", decisions.vote, name="vote"),
    path(committee + "votes/<int:pk>/close/", meetings.vote_close, name="vote_close"),
    path(committee + "circulars/new/", decisions.circular_new, name="circular_new"),
    path(committee + "circulars/<int:pk>/", decisions.circular, name="circular"),
    path(
        committee + "circulars/<int:pk>/<str:step>/", decisions.circular_step, name="circular_step"
    ),
    path(committee + "minutes/<int:pk>/", minutes.minutes, name="minutes"),
    path(committee + "minutes/<int:pk>/<str:step>/", minutes.minutes_step, name="minutes_step"),
    path("oparl/v1.1/", oparl.system, name="oparl_system"),
    path("oparl/v1.1/<str:kind>/", oparl.object_list, name="oparl_list"),
    path("oparl/v1.1/<str:kind>/<int:pk>/", oparl.object_detail, name="oparl_object"),
]
