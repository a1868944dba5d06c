"""Working groups: the public page with outcomes, starting one, the report or the extension."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from house.models import User
from tenants.network.forms import GroupCloseForm, GroupExtendForm, WorkingGroupForm
from tenants.network.models import WorkingGroup
from tenants.network.services import NetworkError
from tenants.network.services import groups as group_services

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponse


def _group(request: HttpRequest, slug: str) -> WorkingGroup:
    return get_object_or_404(
        WorkingGroup.objects.visible_to(request.user).for_listing(), committee__slug=slug
    )


def _may(request: HttpRequest, permission: str, group: WorkingGroup) -> bool:
    # The committee rules expect a signed-in person; visitors run no committee.
    return request.user.is_authenticated and request.user.has_perm(permission, group.committee)


def _group_to_run(request: HttpRequest, slug: str) -> WorkingGroup:
    group = _group(request, slug)
    if not _may(request, "governance.manage_committee", group):
        raise PermissionDenied
    return group


@require_GET
def group_detail(request: HttpRequest, slug: str) -> HttpResponse:
    group = _group(request, slug)
    return render(
        request,
        "network/group_detail.html",
        {
            "group": group,
            "actors": list(
                group.actors.select_related("organisation").order_by("organisation__name")
            ),
            "report_organisations": list(
                group.report_organisations.select_related("organisation").order_by(
                    "organisation__name"
                )
            ),
            "extensions": list(group.extensions.order_by("created_at")),
            "can_run": _may(request, "governance.manage_committee", group),
            "can_view_committee": _may(request, "governance.view_committee", group),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def group_new(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("network.manage_network"):
        raise PermissionDenied
    form = WorkingGroupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        chair = None
        if data["chair_email"]:
            chair = User.objects.filter(email__iexact=data["chair_email"], is_active=True).first()
            if chair is None:
                form.add_error("chair_email", _("Nobody has an account with this address."))
        if form.is_valid():
            try:
                group = group_services.start_working_group(
                    name=data["name"],
                    topic=data["topic"],
                    mandate=data["mandate"],
                    planned_end=data["planned_end"],
                    actors=data["actors"],
                    started_by=cast("User", request.user),
                    chair=chair,
                )
            except NetworkError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                messages.success(request, _("The working group has been started."))
                return redirect(group.get_absolute_url())
    return render(request, "network/group_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def group_close(request: HttpRequest, slug: str) -> HttpResponse:
    group = _group_to_run(request, slug)
    form = GroupCloseForm(request.POST or None, group=group)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            group_services.close_working_group(
                group=group,
                attendee_count=data["attendee_count"],
                organisations=data["organisations"],
                decisions=data["decisions"],
                projects=data["projects"],
                events=data["events"],
                documents=data["documents"],
                closed_by=cast("User", request.user),
            )
        except NetworkError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, _("The working group is closed; its outcomes are public."))
            return redirect(group.get_absolute_url())
    return render(
        request,
        "network/group_close.html",
        {"group": group, "form": form, "extend": GroupExtendForm()},
    )


@login_required
@require_http_methods(["POST"])
def group_extend(request: HttpRequest, slug: str) -> HttpResponse:
    group = _group_to_run(request, slug)
    form = GroupExtendForm(request.POST)
    if form.is_valid():
        try:
            group_services.extend_working_group(
                group=group,
                new_end=form.cleaned_data["new_end"],
                reason=form.cleaned_data["reason"],
                extended_by=cast("User", request.user),
            )
        except NetworkError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, _("The working group has been extended."))
            return redirect(group.get_absolute_url())
    return render(
        request,
        "network/group_close.html",
        {"group": group, "form": GroupCloseForm(group=group), "extend": form},
        status=200,
    )
