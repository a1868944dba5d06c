"""Ballots in a meeting and decisions without a meeting."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from house.governance import services
from house.governance.forms import BallotForm, CircularAnswerForm, CircularForm, DelegationForm
from house.governance.models import Vote
from house.governance.services.circulars import outcome_of
from house.governance.services.votes import who_has_not_voted

from .access import committee_for, refuse, require


@login_required
@require_http_methods(["GET", "POST"])
def vote(request, slug, pk):
    committee = committee_for(request, slug)
    require(request, "governance.view_committee", committee)
    vote = get_object_or_404(
        Vote.objects.filter(agenda_item__meeting__committee=committee).select_related(
            "agenda_item__meeting"
        ),
        pk=pk,
    )
    entitlement = vote.entitlements.filter(person=request.user).select_related("delegate").first()
    proxies = list(vote.entitlements.filter(delegate=request.user).select_related("person"))
    form = BallotForm(request.POST or None)
    if request.method == "POST":
        for_member = None
        if request.POST.get("for"):
            proxy = next((e for e in proxies if str(e.person_id) == request.POST["for"]), None)
            if proxy is None:
                messages.error(request, _("Nobody delegated this vote to you."))
                return redirect("governance:vote", slug=slug, pk=pk)
            for_member = proxy.person
        if form.is_valid():
            try:
                services.cast_ballot(
                    vote=vote,
                    person=request.user,
                    choice=form.cleaned_data["choice"],
                    for_member=for_member,
                )
            except services.GovernanceError as error:
                refuse(request, error)
            else:
                if for_member is None:
                    messages.success(request, _("Your vote has been counted."))
                else:
                    messages.success(
                        request,
                        _("The vote of %(name)s has been counted.") % {"name": for_member.name},
                    )
            return redirect("governance:vote", slug=slug, pk=pk)
        messages.error(request, _("Please choose yes, no or abstain."))
    return render(
        request,
        "governance/vote_detail.html",
        {
            "committee": committee,
            "vote": vote,
            "entitlement": entitlement,
            "proxies": proxies,
            "form": form,
            "delegation_form": DelegationForm(committee=committee, person=request.user)
            if entitlement
            and not entitlement.has_voted
            and entitlement.delegate_id is None
            and entitlement.person_id == request.user.pk
            and vote.accepts_ballots()
            and not proxies
            else None,
            "accepts": vote.accepts_ballots(),
            "waiting": who_has_not_voted(vote),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def circular_new(request, slug):
    committee = committee_for(request, slug)
    require(request, "governance.manage_committee", committee)
    form = CircularForm(request.POST or None, initial={"deadline": CircularForm.default_deadline()})
    if request.method == "POST" and form.is_valid():
        try:
            decision = services.open_circular(
                committee=committee, actor=request.user, **form.cleaned_data
            )
        except services.GovernanceError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("The members have been asked for their answer."))
            return redirect("governance:circular", slug=slug, pk=decision.pk)
    return render(request, "governance/circular_form.html", {"committee": committee, "form": form})


@login_required
@require_http_methods(["GET"])
def circular(request, slug, pk):
    committee = committee_for(request, slug)
    require(request, "governance.view_committee", committee)
    decision = get_object_or_404(committee.circulars, pk=pk)
    responses = list(
        decision.responses.select_related("membership__person").order_by("membership__person__name")
    )
    mine = next((r for r in responses if r.membership.person_id == request.user.pk), None)
    _outcome, counts = outcome_of(decision)
    return render(
        request,
        "governance/circular_detail.html",
        {
            "committee": committee,
            "decision": decision,
            "responses": responses,
            "mine": mine,
            "form": CircularAnswerForm(),
            "counts": counts,
            "can_manage": request.user.has_perm("governance.manage_committee", committee),
            "resolution": getattr(decision, "resolution", None)
            if decision.state in ("adopted", "rejected")
            else None,
        },
    )


@login_required
@require_POST
def circular_step(request, slug, pk, step):
    committee = committee_for(request, slug)
    require(request, "governance.view_committee", committee)
    decision = get_object_or_404(committee.circulars, pk=pk)
    try:
        if step == "answer":
            form = CircularAnswerForm(request.POST)
            if not form.is_valid():
                messages.error(request, _("Please choose your answer and confirm the declaration."))
                return redirect("governance:circular", slug=slug, pk=pk)
            services.answer_circular(
                decision=decision, person=request.user, choice=form.cleaned_data["choice"]
            )
            messages.success(request, _("Your answer is recorded."))
        elif step == "demand":
            services.demand_meeting(decision=decision, person=request.user)
            messages.success(request, _("The question moves to the next meeting."))
        elif step in ("remind", "close"):
            require(request, "governance.manage_committee", committee)
            if step == "remind":
                count = services.remind_circular(decision=decision, actor=request.user)
                messages.success(request, _("%(count)s members were reminded.") % {"count": count})
            else:
                services.close_circular(decision=decision, actor=request.user)
        else:
            raise Http404
    except services.GovernanceError as error:
        refuse(request, error)
    return redirect("governance:circular", slug=slug, pk=pk)


@login_required
@require_POST
def vote_delegate(request, slug, pk):
    """A member in the frozen list lets someone in the room cast their ballot in this vote."""
    committee = committee_for(request, slug)
    require(request, "governance.delegate_vote", committee)
    vote = get_object_or_404(
        Vote.objects.filter(agenda_item__meeting__committee=committee).select_related(
            "agenda_item__meeting"
        ),
        pk=pk,
    )
    form = DelegationForm(request.POST, committee=committee, person=request.user)
    if not form.is_valid():
        messages.error(request, _("Please choose a member of the committee."))
    else:
        try:
            services.delegate_vote(
                person=request.user, delegate=form.cleaned_data["delegate"], vote=vote
            )
        except services.GovernanceError as error:
            refuse(request, error)
        else:
            messages.success(
                request,
                _("%(name)s votes for you in this vote.")
                % {"name": form.cleaned_data["delegate"].name},
            )
    return redirect("governance:vote", slug=slug, pk=pk)
