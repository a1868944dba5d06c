"""Meetings: the page members read, and the steps management takes to run one."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from house.governance import services
from house.governance.forms import (
    AgendaItemForm,
    ApologiesForm,
    AttendanceForm,
    DelegationForm,
    DeleteForm,
    MeetingForm,
    OpenVoteForm,
    PaperForm,
    PaperVersionForm,
)
from house.governance.models import (
    AgendaItem,
    Delegation,
    Meeting,
    Paper,
    PaperVersion,
    Vote,
)
from house.governance.services.meetings import quorum, seats
from house.governance.services.votes import who_has_not_voted
from house.models import ActivityLog

from .access import committee_for, refuse, require


def _meeting(request, slug, pk):
    committee = committee_for(request, slug)
    require(request, "governance.view_committee", committee)
    meeting = get_object_or_404(
        committee.meetings.active().select_related("room", "committee"), pk=pk
    )
    return committee, meeting


@login_required
@require_http_methods(["GET", "POST"])
def meeting_new(request, slug):
    committee = committee_for(request, slug)
    require(request, "governance.manage_committee", committee)
    form = MeetingForm(request.POST or None, committee=committee)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.schedule_meeting(
                committee=committee, actor=request.user, **form.cleaned_data
            )
        except services.GovernanceError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(
                request, _("The meeting is planned. Add the agenda, then send the invitations.")
            )
            return redirect("governance:meeting", slug=slug, pk=meeting.pk)
    return render(request, "governance/meeting_form.html", {"committee": committee, "form": form})


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


def _manage(request, slug, pk):
    committee, meeting = _meeting(request, slug, pk)
    require(request, "governance.manage_committee", committee)
    return committee, meeting


@login_required
@require_POST
def agenda_add(request, slug, pk):
    _committee, meeting = _manage(request, slug, pk)
    form = AgendaItemForm(request.POST)
    if form.is_valid():
        try:
            services.add_agenda_item(meeting=meeting, actor=request.user, **form.cleaned_data)
        except services.GovernanceError as error:
            refuse(request, error)
        else:
            messages.success(request, _("The item was added to the agenda."))
    else:
        messages.error(request, _("Please give the item a title."))
    return redirect("governance:meeting", slug=slug, pk=pk)


@login_required
@require_POST
def invite(request, slug, pk):
    _committee, meeting = _manage(request, slug, pk)
    try:
        count = services.send_invitations(
            meeting=meeting,
            actor=request.user,
            late_reason=request.POST.get("late_reason", "")[:1000],
        )
    except services.GovernanceError as error:
        refuse(request, error)
    else:
        meeting.refresh_from_db()
        messages.success(request, _("%(count)s invitations are on their way.") % {"count": count})
        if meeting.invitation_late:
            messages.warning(
                request,
                _("The invitation went out later than the notice period; this is recorded."),
            )
    return redirect("governance:meeting", slug=slug, pk=pk)


@login_required
@require_POST
def meeting_step(request, slug, pk, step):
    _committee, meeting = _manage(request, slug, pk)
    steps = {
        "open": services.open_meeting,
        "close": services.close_meeting,
        "cancel": services.cancel_meeting,
    }
    if step not in steps:
        raise Http404
    try:
        steps[step](meeting=meeting, actor=request.user)
    except services.GovernanceError as error:
        refuse(request, error)
    else:
        messages.success(request, _("Done."))
    return redirect("governance:meeting", slug=slug, pk=pk)


@login_required
@require_POST
def attendance(request, slug, pk):
    _committee, meeting = _manage(request, slug, pk)
    seats(meeting)
    form = AttendanceForm(request.POST, meeting=meeting)
    if form.is_valid():
        try:
            services.record_attendance(meeting=meeting, actor=request.user, **form.cleaned_data)
        except services.GovernanceError as error:
            refuse(request, error)
    else:
        messages.error(request, _("Please choose a member and a status."))
    return redirect("governance:meeting", slug=slug, pk=pk)


@login_required
@require_POST
def paper_add(request, slug, pk):
    committee, meeting = _manage(request, slug, pk)
    form = PaperForm(request.POST, request.FILES, meeting=meeting)
    if form.is_valid():
        try:
            services.add_paper(
                committee=committee,
                meeting=meeting,
                actor=request.user,
                upload=form.cleaned_data["file"],
                title=form.cleaned_data["title"],
                public=form.cleaned_data["public"],
                agenda_item=form.cleaned_data["agenda_item"],
            )
        except services.GovernanceError as error:
            refuse(request, error)
        else:
            messages.success(request, _("The paper was filed."))
    else:
        messages.error(request, _("Please give a title and choose a file."))
    return redirect("governance:meeting", slug=slug, pk=pk)


@require_GET
def paper_file(request, slug, pk, number):
    """A paper's file: public papers for everyone, the others for the committee only."""
    papers = Paper.objects.visible_to(request.user).filter(committee__slug=slug)
    paper = get_object_or_404(papers, pk=pk)
    version = get_object_or_404(paper.versions, number=number)
    try:
        handle = version.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(handle, as_attachment=True, filename=version.file_name)
    response["Cache-Control"] = "private, no-store" if not paper.public else "public, max-age=300"
    return response


@login_required
@require_POST
def vote_open(request, slug, item_pk):
    committee = committee_for(request, slug)
    require(request, "governance.manage_committee", committee)
    item = get_object_or_404(
        AgendaItem.objects.filter(meeting__committee=committee, deleted=False), pk=item_pk
    )
    form = OpenVoteForm(request.POST)
    if form.is_valid():
        try:
            services.open_vote(item=item, actor=request.user, **form.cleaned_data)
        except services.GovernanceError as error:
            refuse(request, error)
    else:
        messages.error(request, _("Please state the motion and the kind of vote."))
    return redirect("governance:meeting", slug=slug, pk=item.meeting_id)


@login_required
@require_POST
def vote_close(request, slug, pk):
    committee = committee_for(request, slug)
    require(request, "governance.manage_committee", committee)
    vote = get_object_or_404(Vote.objects.filter(agenda_item__meeting__committee=committee), pk=pk)
    try:
        services.close_vote(vote=vote, actor=request.user)
    except services.GovernanceError as error:
        refuse(request, error)
    return redirect("governance:meeting", slug=slug, pk=vote.agenda_item.meeting_id)


@login_required
@require_http_methods(["GET", "POST"])
def paper(request, slug, pk):
    """A paper with its version history; who runs the committee uploads a new version."""
    committee = committee_for(request, slug)
    require(request, "governance.view_committee", committee)
    paper = get_object_or_404(
        Paper.objects.visible_to(request.user)
        .filter(committee=committee)
        .select_related("meeting", "agenda_item"),
        pk=pk,
    )
    can_upload = request.user.has_perm("governance.add_paper_version", committee)
    form = (
        PaperVersionForm(request.POST, request.FILES)
        if request.method == "POST"
        else PaperVersionForm()
    )
    if request.method == "POST":
        require(request, "governance.add_paper_version", committee)
        if form.is_valid():
            try:
                version = services.add_paper_version(
                    paper=paper,
                    actor=request.user,
                    upload=form.cleaned_data["file"],
                    note=form.cleaned_data["note"],
                )
            except services.GovernanceError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
            else:
                messages.success(
                    request,
                    _("Version %(number)s is filed; earlier versions stay available.")
                    % {"number": version.number},
                )
                return redirect("governance:paper", slug=slug, pk=pk)
    versions = paper.versions.select_related("uploaded_by").order_by("-number")
    return render(
        request,
        "governance/paper_detail.html",
        {
            "committee": committee,
            "paper": paper,
            "versions": versions,
            "form": form if can_upload else None,
            "delete_form": DeleteForm()
            if request.user.has_perm("governance.delete_from_portal", committee)
            else None,
        },
    )


@login_required
@require_POST
def delete(request, slug, kind, pk):
    """House management deletes a meeting, an agenda item or a paper from the portal."""
    committee = committee_for(request, slug)
    require(request, "governance.delete_from_portal", committee)
    delete_form = DeleteForm(request.POST)
    reason = delete_form.cleaned_data["reason"] if delete_form.is_valid() else ""
    if kind == "meeting":
        target = get_object_or_404(committee.meetings.active(), pk=pk)
        back = reverse("governance:meeting", args=[slug, pk])
        done = reverse("governance:committee", args=[slug])
        message = _("The meeting was deleted from the portal.")
    elif kind == "item":
        target = get_object_or_404(
            AgendaItem.objects.filter(meeting__committee=committee, deleted=False), pk=pk
        )
        back = done = reverse("governance:meeting", args=[slug, target.meeting_id])
        message = _("The agenda item was deleted from the portal.")
    elif kind == "paper":
        target = get_object_or_404(committee.papers.filter(deleted=False), pk=pk)
        back = reverse("governance:paper", args=[slug, pk])
        done = (
            reverse("governance:meeting", args=[slug, target.meeting_id])
            if target.meeting_id
            else reverse("governance:committee", args=[slug])
        )
        message = _("The paper was deleted from the portal.")
    else:
        raise Http404
    try:
        if isinstance(target, Meeting):
            services.delete_meeting(meeting=target, actor=request.user, reason=reason)
        elif isinstance(target, AgendaItem):
            services.delete_agenda_item(item=target, actor=request.user, reason=reason)
        else:
            services.delete_paper(paper=target, actor=request.user, reason=reason)
    except services.GovernanceError as error:
        refuse(request, error)
        return redirect(back)
    messages.success(request, message)
    return redirect(done)


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
