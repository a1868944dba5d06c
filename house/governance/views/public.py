"""The public pages of the curatorium: members with their consent, resolutions, minutes."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from house.governance.forms import SearchForm
from house.governance.models import Committee, Minutes, Resolution
from house.governance.pdf import minutes_pdf


def _curatorium() -> Committee:
    committee = (
        Committee.objects.public().filter(kind=Committee.Kind.CURATORIUM).order_by("pk").first()
    )
    if committee is None:
        raise Http404
    return committee


@require_GET
def curatorium(request):
    committee = _curatorium()
    search = SearchForm(request.GET)
    resolutions = Resolution.objects.published().filter(committee=committee)
    if search.is_valid():
        resolutions = resolutions.search(search.cleaned_data["q"])
    return render(
        request,
        "governance/curatorium_public.html",
        {
            "committee": committee,
            "memberships": committee.memberships.current()
            .public()
            .select_related("person", "organisation")
            .by_role(),
            "resolutions": resolutions[:50],
            "minutes_list": Minutes.objects.published()
            .filter(meeting__committee=committee)
            .select_related("meeting"),
            "search": search,
        },
    )


def _published(pk) -> Minutes:
    return get_object_or_404(
        Minutes.objects.published().select_related("meeting__committee", "approved_in"), pk=pk
    )


@require_GET
def public_minutes(request, pk):
    minutes = _published(pk)
    return render(
        request,
        "governance/minutes_public.html",
        {
            "minutes": minutes,
            "meeting": minutes.meeting,
            "entries": minutes.entries.filter(public=True),
            "corrigenda": minutes.corrigenda.filter(public=True),
        },
    )


@require_GET
def public_minutes_pdf(request, pk):
    minutes = _published(pk)
    response = HttpResponse(minutes_pdf(minutes), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="protokoll-{minutes.meeting.start:%Y-%m-%d}.pdf"'
    )
    return response
