"""The members' area: my committees, a committee's overview and its register of resolutions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Exists, OuterRef, Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from house.governance import services
from house.governance.forms import ActionForm, SearchForm
from house.governance.models import (
    Action,
    Committee,
    DatePollAnswer,
)

from .access import committee_for, refuse, require


@login_required
@require_GET
def my_committees(request):
    committees = list(Committee.objects.visible_to(request.user).order_by("name"))
    if len(committees) == 1:
        return redirect("governance:committee", slug=committees[0].slug)
    return render(request, "governance/committee_list.html", {"committees": committees})


@login_required
@require_GET
def committee(request, slug):
    committee = committee_for(request, slug)
    require(request, "governance.view_committee", committee)
    memberships = (
        committee.memberships.current().select_related("person", "organisation", "deputy").by_role()
    )
    my_seat = committee.memberships.current().filter(person=request.user).first()
    answered = DatePollAnswer.objects.filter(slot__poll=OuterRef("pk"), membership=my_seat)
    context = {
        "committee": committee,
        "memberships": memberships,
        "date_polls": list(
            committee.date_polls.open().annotate(
                answered=Exists(answered), slot_count=Count("slots")
            )
        ),
        "upcoming": list(committee.meetings.upcoming().select_related("room")[:5]),
        "past": list(committee.meetings.past().select_related("minutes")[:5]),
        "circulars": list(committee.circulars.open()),
        "resolutions": list(committee.resolutions.all()[:5]),
        "open_actions": list(committee.actions.open().select_related("owner")),
        "can_manage": request.user.has_perm("governance.manage_committee", committee),
        "my_seat": my_seat,
    }
    return render(request, "governance/committee_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def resolutions(request, slug):
    committee = committee_for(request, slug)
    require(request, "governance.view_committee", committee)
    can_manage = request.user.has_perm("governance.manage_committee", committee)
    action_form = ActionForm(request.POST or None, committee=committee)
    if request.method == "POST":
        require(request, "governance.manage_committee", committee)
        resolution = get_object_or_404(committee.resolutions, pk=request.POST.get("resolution"))
        if action_form.is_valid():
            services.add_action(
                committee=committee,
                resolution=resolution,
                actor=request.user,
                **action_form.cleaned_data,
            )
            messages.success(request, _("The action was added; it appears on the next agenda."))
            return redirect("governance:resolutions", slug=slug)
    search = SearchForm(request.GET)
    found = committee.resolutions.prefetch_related(
        Prefetch("actions", queryset=Action.objects.select_related("owner"))
    )
    if search.is_valid():
        found = found.search(search.cleaned_data["q"])
    return render(
        request,
        "governance/resolution_list.html",
        {
            "committee": committee,
            "resolutions": found[:200],
            "search": search,
            "can_manage": can_manage,
            "action_form": action_form,
        },
    )


@login_required
@require_POST
def action_status(request, slug, pk):
    committee = committee_for(request, slug)
    require(request, "governance.manage_committee", committee)
    action = get_object_or_404(committee.actions, pk=pk)
    try:
        services.set_action_status(
            action=action, status=request.POST.get("status", ""), actor=request.user
        )
    except services.GovernanceError as error:
        refuse(request, error)
    return redirect("governance:resolutions", slug=slug)
