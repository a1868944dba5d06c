"""The meeting page members read, their apologies and their vote delegations."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from house.governance import services
from house.governance.forms import (
    AgendaItemForm,
    ApologiesForm,
    AttendanceForm,
    DelegationForm,
    DeleteForm,
    OpenVoteForm,
    PaperForm,
)
from house.governance.models import (
    Delegation,
    Meeting,
    Paper,
    PaperVersion,
    Vote,
)
from house.governance.services.meetings import quorum, seats
from house.governance.services.votes import who_has_not_voted
from house.governance.views.access import committee_for, refuse, require
from house.models import ActivityLog


def _meeting(request, slug, pk):
    committee = committee_for(request, slug)
    require(request, "governance.view_committee", committee)
    meeting = get_object_or_404(
        committee.meetings.active().select_related("room", "committee"), pk=pk
    )
    return committee, meeting


@login_required
@require_GET
def meeting(request, slug, pk):
    committee, meeting = _meeting(request, slug, pk)
    can_manage = request.user.has_perm("governance.manage_committee", committee)
    items = list(
        meeting.agenda_items.filter(deleted=False).prefetch_related(
            Prefetch(
                "papers",
                queryset=Paper.objects.filter(deleted=False).prefetch_related(
                    Prefetch(
                        "versions",
                        queryset=PaperVersion.objects.order_by("-number"),
                        to_attr="prefetched_versions",
                    )
                ),
            ),
            Prefetch("votes", queryset=Vote.objects.order_by("opened_at")),
        )
    )
    all_seats = seats(meeting)
    my_seat = next((s for s in all_seats if s.membership.person_id == request.user.pk), None)
    context = {
        "committee": committee,
        "meeting": meeting,
        "items": items,
        "seats": all_seats,
        "my_seat": my_seat,
        "quorum": quorum(meeting),
        "can_manage": can_manage,
        "loose_papers": meeting.papers.filter(agenda_item__isnull=True, deleted=False),
        "minutes": getattr(meeting, "minutes", None) if hasattr(meeting, "minutes") else None,
        "open_votes": [v for item in items for v in item.votes.all() if v.state == Vote.State.OPEN],
    }
    if can_manage:
        context.update(
            {
                "agenda_form": AgendaItemForm(),
                "attendance_form": AttendanceForm(meeting=meeting),
                "paper_form": PaperForm(meeting=meeting),
                "vote_form": OpenVoteForm(),
                "vote_panels": [(v, who_has_not_voted(v)) for v in context["open_votes"]],
                "history": list(ActivityLog.objects.for_object(meeting)[:50]),
            }
        )
    context["apologies_form"] = ApologiesForm()
    delegations = list(meeting.delegations.select_related("membership__person", "delegate"))
    context["my_delegation"] = next(
        (d for d in delegations if d.membership.person_id == request.user.pk), None
    )
    context["delegated_to_me"] = [
        d.membership.person.name for d in delegations if d.delegate_id == request.user.pk
    ]
    context["all_delegations"] = delegations
    if meeting.state in (
        Meeting.State.PLANNED,
        Meeting.State.INVITED,
        Meeting.State.RUNNING,
    ) and request.user.has_perm("governance.delegate_vote", committee):
        context["delegation_form"] = DelegationForm(committee=committee, person=request.user)
    if request.user.has_perm("governance.delete_from_portal", committee):
        context["delete_form"] = DeleteForm()
    return render(request, "governance/meeting_detail.html", context)


@login_required
@require_POST
def apologies(request, slug, pk):
    _committee, meeting = _meeting(request, slug, pk)
    form = ApologiesForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        seat = services.send_apologies(meeting=meeting, person=request.user, note=note)
    except services.GovernanceError as error:
        refuse(request, error)
    else:
        if seat.deputy_invited:
            messages.success(
                request, _("Your apologies are recorded; your deputy has been invited.")
            )
        else:
            messages.success(request, _("Your apologies are recorded."))
    return redirect("governance:meeting", slug=slug, pk=pk)


@login_required
@require_POST
def delegation(request, slug, pk):
    """A voting member delegates their vote for the meeting, or takes it back."""
    committee, meeting = _meeting(request, slug, pk)
    require(request, "governance.delegate_vote", committee)
    try:
        if request.POST.get("revoke"):
            given = get_object_or_404(
                Delegation.objects.filter(meeting=meeting, membership__person=request.user),
                pk=request.POST["revoke"],
            )
            services.revoke_delegation(delegation=given, person=request.user)
            messages.success(request, _("You vote yourself again."))
        else:
            form = DelegationForm(request.POST, committee=committee, person=request.user)
            if not form.is_valid():
                messages.error(request, _("Please choose a member of the committee."))
            else:
                services.delegate_vote(
                    person=request.user, delegate=form.cleaned_data["delegate"], meeting=meeting
                )
                messages.success(
                    request,
                    _("%(name)s votes for you in this meeting.")
                    % {"name": form.cleaned_data["delegate"].name},
                )
    except services.GovernanceError as error:
        refuse(request, error)
    return redirect("governance:meeting", slug=slug, pk=pk)
