"""Members of an organisation: roles, leaving and invitations."""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tenants import services
from tenants.forms import InvitationForm, MembershipRoleForm
from tenants.models import Invitation, Membership
from tenants.views.common import _admin_organisation, _me, _member_organisation

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponse


@login_required
@require_http_methods(["GET", "POST"])
def members(request: HttpRequest, slug: str) -> HttpResponse:
    """Members and open invitations; admins invite colleagues here."""
    organisation = _member_organisation(request, slug)
    is_admin = request.user.has_perm("tenants.change_organisation", organisation)
    form = InvitationForm(request.POST or None)
    if request.method == "POST":
        if not is_admin:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.invite_member(
                    organisation=organisation,
                    email=form.cleaned_data["email"],
                    role=form.cleaned_data["role"],
                    invited_by=_me(request),
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(
                    request,
                    _("The invitation to %(email)s is on its way.")
                    % {"email": form.cleaned_data["email"]},
                )
                return redirect("tenants:members", slug=organisation.slug)
    memberships = list(organisation.memberships.select_related("user").order_by("user__name"))
    invitations = list(organisation.invitations.open()) if is_admin else []
    return render(
        request,
        "tenants/membership_list.html",
        {
            "organisation": organisation,
            "memberships": memberships,
            "invitations": invitations,
            "form": form,
            "roles": Membership.Role.choices,
        },
    )


def _membership(request: HttpRequest, slug: str, pk: int) -> Membership:
    organisation = _admin_organisation(request, slug)
    return get_object_or_404(
        Membership.objects.select_related("user", "organisation"),
        pk=pk,
        organisation=organisation,
    )


@login_required
@require_POST
def member_role(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    membership = _membership(request, slug, pk)
    form = MembershipRoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please choose a role."))
    else:
        try:
            services.change_member_role(
                membership=membership, role=form.cleaned_data["role"], actor=_me(request)
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The role has been changed."))
    return redirect("tenants:members", slug=slug)


@login_required
@require_POST
def member_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    membership = _membership(request, slug, pk)
    try:
        services.remove_member(membership=membership, actor=_me(request))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("tenants:members", slug=slug)
    messages.success(
        request, _("%(name)s has been removed.") % {"name": membership.user.get_full_name()}
    )
    if membership.user_id == request.user.pk and not request.user.has_perm(
        "tenants.enter_organisation", membership.organisation
    ):
        return redirect("tenants:my_organisations")
    return redirect("tenants:members", slug=slug)


@login_required
@require_POST
def invitation_revoke(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    organisation = _admin_organisation(request, slug)
    invitation = get_object_or_404(Invitation, pk=pk, organisation=organisation)
    services.revoke_invitation(invitation=invitation, actor=_me(request))
    messages.success(request, _("The invitation has been withdrawn."))
    return redirect("tenants:members", slug=slug)


@require_http_methods(["GET", "POST"])
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    """The link in the invitation e-mail. Anonymous visitors sign in or register first."""
    invitation = get_object_or_404(
        Invitation.objects.select_related("organisation", "invited_by"), token=token
    )
    if not request.user.is_authenticated:
        return render(
            request,
            "tenants/invitation_accept.html",
            {
                "invitation": invitation,
                "login_url": reverse("account_login") + "?" + urlencode({"next": request.path}),
                # The address the invitation went to is filled in; after confirming it
                # in this browser, the new account comes back here.
                "signup_url": reverse("account_signup")
                + "?"
                + urlencode({"next": request.path, "email": invitation.email}),
            },
        )
    if request.method == "POST":
        try:
            services.accept_invitation(invitation=invitation, user=_me(request))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request,
                _("Welcome to %(organisation)s!") % {"organisation": invitation.organisation.name},
            )
            return redirect("tenants:manage", slug=invitation.organisation.slug)
    return render(request, "tenants/invitation_accept.html", {"invitation": invitation})
