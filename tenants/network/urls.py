from django.urls import path

from tenants.network.views import area, coordination, groups, newsletter, public, rounds

app_name = "network"

urlpatterns = [
    path("", public.index, name="index"),
    path("actors/<slug:slug>/", public.actor_detail, name="actor"),
    path("actors/<slug:slug>/edit/", area.actor_edit, name="actor_edit"),
    path("actors/<slug:slug>/confirm/", area.actor_verify, name="actor_verify"),
    path("actors/<slug:slug>/listing/", coordination.actor_listing, name="actor_listing"),
    path("topics/", public.topic_list, name="topics"),
    path("topics/propose/", area.topic_propose, name="topic_propose"),
    path("topics/<slug:slug>/", public.topic_detail, name="topic"),
    path("topics/<slug:slug>/comment/", area.topic_comment, name="topic_comment"),
    path("topics/<slug:slug>/edit/", coordination.topic_edit, name="topic_edit"),
    path("cooperation/", public.cooperation, name="cooperation"),
    path("board/", public.board, name="board"),
    path("board/new/", area.board_new, name="board_new"),
    path("board/<int:pk>/withdraw/", area.board_withdraw, name="board_withdraw"),
    path("priorities/", rounds.round_list, name="rounds"),
    path("priorities/new/", rounds.round_new, name="round_new"),
    path("priorities/<int:pk>/", rounds.round_detail, name="round"),
    path("priorities/<int:pk>/vote/", rounds.round_vote, name="round_vote"),
    path("priorities/<int:pk>/take-back/", rounds.round_unvote, name="round_unvote"),
    path("priorities/<int:pk>/freeze/", rounds.round_freeze, name="round_freeze"),
    path("priorities/<int:pk>/result.pdf", rounds.round_pdf, name="round_pdf"),
    path("working-groups/<slug:slug>/", groups.group_detail, name="group"),
    path("working-groups/<slug:slug>/close/", groups.group_close, name="group_close"),
    path("working-groups/<slug:slug>/extend/", groups.group_extend, name="group_extend"),
    path("coordination/working-groups/new/", groups.group_new, name="group_new"),
    path("mine/", area.mine, name="mine"),
    path("coordination/", coordination.dashboard, name="coordination"),
    path("coordination/actors/new/", coordination.actor_add, name="actor_add"),
    path("coordination/newsletters/new/", coordination.newsletter_new, name="newsletter_new"),
    path("coordination/newsletters/<int:pk>/", coordination.newsletter_edit, name="newsletter"),
    path(
        "coordination/newsletters/<int:pk>/send/",
        coordination.newsletter_send,
        name="newsletter_send",
    ),
    path("newsletter/", newsletter.subscribe, name="newsletter_subscribe"),
    path("newsletter/requested/", newsletter.requested, name="newsletter_requested"),
    path("newsletter/confirm/<str:token>/", newsletter.confirm, name="newsletter_confirm"),
    path(
        "newsletter/unsubscribe/<str:token>/",
        newsletter.unsubscribe,
        name="newsletter_unsubscribe",
    ),
]
