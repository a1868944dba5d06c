"""URLs of Hausportal: the project's root and the house's own pages."""

from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.conf.urls.static import static as serve_static
from django.contrib import admin
from django.urls import include, path, re_path

from house import accounts, views
from house.redirects import moved_to

admin.site.login = secure_admin_login(admin.site.login)  # type: ignore[method-assign]
admin.site.site_header = "Hausportal"
admin.site.site_title = "Hausportal"

house_patterns = (
    [
        path("", views.home, name="home"),
        path("my-area/", views.dashboard, name="dashboard"),
        path("my-area/data.json", views.export_my_data, name="export_data"),
        path("my-area/delete-account/", views.delete_my_account, name="delete_account"),
        # The former German addresses, kept for bookmarks and links in old e-mails.
        path("mein-bereich/", moved_to("house:dashboard")),
        path("mein-bereich/daten.json", moved_to("house:export_data")),
        path("mein-bereich/konto-loeschen/", moved_to("house:delete_account")),
        re_path(r"^(?P<page>imprint|privacy|accessibility)/$", views.legal_page, name="legal"),
        path("impressum/", moved_to("house:legal"), {"page": "imprint"}),
        path("datenschutz/", moved_to("house:legal"), {"page": "privacy"}),
        path("barrierefreiheit/", moved_to("house:legal"), {"page": "accessibility"}),
        path("staff/roles/", views.roles, name="roles"),
        path("staff/enrol/<str:token>/", views.staff_enrol, name="staff_enrol"),
    ],
    "house",
)

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("i18n/", include("django.conf.urls.i18n")),
    # Before allauth's own: after the set-up, staff continue to where they were going.
    path("accounts/2fa/totp/activate/", accounts.activate_totp, name="mfa_activate_totp"),
    path(
        "accounts/2fa/recovery-codes/",
        accounts.view_recovery_codes,
        name="mfa_view_recovery_codes",
    ),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("", include("tenants.urls")),
    path("", include("rooms.urls")),
    path("billing/", include("rooms.billing.urls")),
    path("equipment/", include("rooms.loans.urls")),
    path("", include("events.urls")),
    path("volunteering/", include("house.volunteers.urls")),
    path("", include("house.governance.urls")),
    path("network/", include("tenants.network.urls")),
    path("sociallab/", include("sociallab.urls")),
    path("", include(house_patterns)),
]

if settings.DEBUG:
    urlpatterns += serve_static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler400 = "house.views.bad_request"
handler403 = "house.views.permission_denied"
handler404 = "house.views.page_not_found"
handler500 = "house.views.server_error"
