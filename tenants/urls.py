"""Public directory (Wegweiser), organisation pages and the organisations' own area."""

from django.urls import path

from tenants import views

app_name = "tenants"

urlpatterns = [
    path("directory/", views.directory, name="directory"),
    path("directory.json", views.directory_json, name="directory_json"),
    path("our-house/", views.house_tenants, name="house_tenants"),
    path("my-organisations/", views.my_organisations, name="my_organisations"),
    path("invitations/<str:token>/", views.invitation_accept, name="invitation_accept"),
    path("organisations/<slug:slug>/", views.organisation_detail, name="organisation_detail"),
    path(
        "organisations/<slug:slug>/services/<slug:service_slug>/",
        views.service_detail,
        name="service_detail",
    ),
    path(
        "organisations/<slug:slug>/services/<slug:service_slug>/report/",
        views.service_report,
        name="service_report",
    ),
    path("organisations/<slug:slug>/manage/", views.manage, name="manage"),
    path("organisations/<slug:slug>/manage/profile/", views.profile_edit, name="profile_edit"),
    path("organisations/<slug:slug>/manage/members/", views.members, name="members"),
    path(
        "organisations/<slug:slug>/manage/members/<int:pk>/role/",
        views.member_role,
        name="member_role",
    ),
    path(
        "organisations/<slug:slug>/manage/members/<int:pk>/remove/",
        views.member_remove,
        name="member_remove",
    ),
    path(
        "organisations/<slug:slug>/manage/invitations/<int:pk>/revoke/",
        views.invitation_revoke,
        name="invitation_revoke",
    ),
    path("organisations/<slug:slug>/manage/changes/", views.changes, name="changes"),
    path(
        "organisations/<slug:slug>/manage/services/<int:pk>/confirm/",
        views.service_confirm,
        name="service_confirm",
    ),
    path(
        "organisations/<slug:slug>/manage/<str:kind>/new/",
        views.entry_edit,
        name="entry_add",
    ),
    path(
        "organisations/<slug:slug>/manage/<str:kind>/<int:pk>/",
        views.entry_edit,
        name="entry_edit",
    ),
    path(
        "organisations/<slug:slug>/manage/<str:kind>/<int:pk>/delete/",
        views.entry_delete,
        name="entry_delete",
    ),
]
