"""Pages of the house itself: home, personal area, legal pages, health, errors."""

from __future__ import annotations

import json
import logging
from typing import TYPE_CHECKING, cast

from allauth.account.decorators import reauthentication_required
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.models import F
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from house import enrolment, services
from house.caching import home_page_names, kept_body
from house.context_processors import current_house
from house.forms import AssignRoleForm, DeleteAccountForm, RemoveRoleForm
from house.models import ClosureDay, LegalPage, Role, User
from house.privacy import ErasureRefusedError, erasure_blockers, retained_records

if TYPE_CHECKING:
    from django.http import HttpRequest

logger = logging.getLogger(__name__)


#: Seconds the home page's body lives at most: the next events and today's consultation
#: hours move on with the clock; changes to what it shows replace it at once.
HOME_SECONDS = 300


def _home_context(signed_in: bool) -> dict[str, object]:
    return {
        "house": current_house(),
        "closures": list(ClosureDay.objects.upcoming()[:5]),
        "today": timezone.localdate(),
        "signed_in": signed_in,
    }


def home(request: HttpRequest) -> HttpResponse:
    """The home page. Its body differs only between signed-in visitors and others, so it
    is rendered once a day per language and kind of visitor, and kept until the house,
    its closure days, the programme or the directory change."""
    signed_in = request.user.is_authenticated
    body = kept_body(
        request,
        f"home:{timezone.localdate().isoformat()}:{int(signed_in)}",
        "house/_home_body.html",
        lambda: _home_context(signed_in),
        depends_on=home_page_names(),
        timeout=HOME_SECONDS,
    )
    return render(request, "house/home.html", {"body": body})


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """The personal area: what the signed-in person can do, by role."""
    user = cast(User, request.user)
    roles = [Role(name).label for name in sorted(user.role_names) if name in Role.values]
    # Organisation roles (admin or member of a tenant) come with the membership.
    memberships = list(
        user.memberships.select_related("organisation").order_by("organisation__name")
    )
    return render(request, "house/dashboard.html", {"roles": roles, "memberships": memberships})


@require_GET
def legal_page(request: HttpRequest, page: str) -> HttpResponse:
    slug = next(slug for slug, path in LegalPage.PATHS.items() if path == page)
    legal = get_object_or_404(LegalPage, slug=slug)
    title, body = legal.localized()
    paragraphs = [p.strip() for p in body.replace("\r\n", "\n").split("\n\n") if p.strip()]
    return render(
        request, "house/legal_page.html", {"page": legal, "title": title, "paragraphs": paragraphs}
    )


@login_required
@require_GET
def export_my_data(request: HttpRequest) -> HttpResponse:
    data = services.export_personal_data(user=cast(User, request.user))
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="hausportal-meine-daten.json"'
    return response


@login_required
@reauthentication_required(allow_get=False)
@require_http_methods(["GET", "POST"])
def delete_my_account(request: HttpRequest) -> HttpResponse:
    """Erasure on request. A signed-in browser alone is not enough: the password is asked again."""
    user = cast(User, request.user)
    form = DeleteAccountForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        try:
            services.delete_account(user=user)
        except ErasureRefusedError as exc:
            for reason in exc.reasons:
                messages.error(request, reason)
        else:
            logout(request)
            messages.success(
                request, _("Your account and the data stored with it have been deleted.")
            )
            return redirect("house:home")
    context = {
        "form": form,
        "blockers": erasure_blockers(user=user),
        "retained": retained_records(),
    }
    return render(request, "house/account_delete.html", context)


@require_GET
def robots_txt(request: HttpRequest) -> HttpResponse:
    """Keep crawlers out of personal areas; the benchmarks use it as the throughput ceiling."""
    lines = [
        "User-agent: *",
        "Disallow: /accounts/",
        "Disallow: /admin/",
        "Disallow: /my-area/",
        "Disallow: /mein-bereich/",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_GET
def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico whatever the page says; point them at the real icon."""
    from django.templatetags.static import static

    return redirect(static("img/favicon.svg"), permanent=True)


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Reachability of the database, the broker and the cache, for load balancers and compose.

    The portal needs only its database: without Redis pages are built from the
    database and e-mails wait in the outbox, so a missing Redis answers 200 with
    ``"status": "degraded"``; a missing database answers 503. The reasons are
    logged, never shown: exception texts can name hosts and credentials.
    """
    checks: dict[str, str] = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
    except Exception:  # any failure means unhealthy
        logger.exception("Health check: the database is unreachable")
        checks["database"] = "unavailable"
    if settings.REDIS_URL:
        checks["broker"] = _ping_redis(settings.REDIS_URL, "broker")
        checks["cache"] = _ping_redis(getattr(settings, "REDIS_CACHE_URL", ""), "cache")
    else:
        checks["broker"] = "eager (no broker configured)"
        checks["cache"] = "in process"
    if checks["database"] != "ok":
        status, code = "unavailable", 503
    elif "unavailable" in checks.values():
        status, code = "degraded", 200
    else:
        status, code = "ok", 200
    return JsonResponse({"status": status, "checks": checks}, status=code)


def _ping_redis(url: str, role: str) -> str:
    if not url:
        return "not configured"
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=1, socket_timeout=1).ping()
    except Exception:  # any failure means this part is down
        logger.warning("Health check: the %s (Redis) is unreachable", role, exc_info=True)
        return "unavailable"
    return "ok"


def _error(request: HttpRequest, status: int, template: str) -> HttpResponse:
    return render(request, template, status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, 400, "400.html")


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, 403, "403.html")


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, 404, "404.html")


def server_error(request: HttpRequest) -> HttpResponse:
    # Rendered without the context processors' database queries, which may be what failed.
    from django.template import loader

    return HttpResponse(loader.get_template("500.html").render({"request": request}), status=500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    logger.info("CSRF failure on %s: %s", request.path, reason)
    return render(request, "403_csrf.html", status=403)


@login_required
@require_http_methods(["GET", "POST"])
def roles(request: HttpRequest) -> HttpResponse:
    """Who holds which house role; house management assigns and removes roles in one step.

    Nobody changes their own roles here: a second person of house management does.
    """
    me = cast(User, request.user)
    if not me.has_perm("house.manage_people"):
        raise PermissionDenied
    form = AssignRoleForm(request.POST if request.POST.get("action") == "assign" else None)
    if request.method == "POST":
        if request.POST.get("action") == "remove":
            removal = RemoveRoleForm(request.POST)
            if not removal.is_valid():
                messages.error(request, _("This role could not be removed. Please try again."))
            elif removal.cleaned_data["user"].pk == me.pk:
                messages.error(request, _("You cannot change your own roles."))
            else:
                person = removal.cleaned_data["user"]
                role = Role(removal.cleaned_data["role"])
                services.remove_role(user=person, role=role, actor=me)
                messages.success(
                    request,
                    _("%(person)s no longer has the role %(role)s.")
                    % {"person": person, "role": role.label},
                )
            return redirect("house:roles")
        if form.is_valid():
            person = form.cleaned_data["person"]
            role = Role(form.cleaned_data["role"])
            if person is None:
                person = enrolment.invite_staff(
                    email=form.cleaned_data["email"],
                    name=form.cleaned_data["name"],
                    role=role,
                    actor=me,
                )
                messages.success(
                    request,
                    _("%(person)s is invited with the role %(role)s; the link is on its way.")
                    % {"person": person, "role": role.label},
                )
                return redirect("house:roles")
            if person.pk == me.pk:
                form.add_error("email", _("You cannot change your own roles."))
            else:
                services.assign_role(user=person, role=role, actor=me)
                messages.success(
                    request,
                    _("%(person)s now has the role %(role)s.")
                    % {"person": person, "role": role.label},
                )
                return redirect("house:roles")
    holders = (
        User.objects.filter(groups__name__in=Role.values, is_active=True)
        .annotate(role=F("groups__name"))
        .order_by("name", "email")
    )
    by_role: dict[str, list[User]] = {role.value: [] for role in Role}
    for person in holders:
        by_role[person.role].append(person)
    sections = [(role, by_role[role.value]) for role in Role]
    return render(request, "house/roles.html", {"sections": sections, "form": form})


@never_cache
@require_http_methods(["GET", "POST"])
def staff_enrol(request: HttpRequest, token: str) -> HttpResponse:
    """The one-time link of a new staff member: choose a password, then the second factor."""
    from django.contrib.auth import login
    from django.contrib.auth.forms import SetPasswordForm

    person = enrolment.user_for_token(token)
    if person is None:
        return render(request, "house/staff_enrol_invalid.html", status=404)
    form = SetPasswordForm(person, request.POST or None)
    if request.method == "POST" and form.is_valid():
        enrolment.set_password(user=person, password=form.cleaned_data["new_password1"])
        login(request, person, backend="house.auth.AuthenticationBackend")
        request.session[enrolment.ENROLLING_SESSION_KEY] = person.pk
        return redirect("mfa_activate_totp")
    return render(
        request,
        "house/staff_enrol.html",
        {"form": form, "person": person, "due": person.staff_enrolment_due},
    )
