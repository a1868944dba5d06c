"""Papers of a meeting: adding them, their page with versions, and the file download."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from house.governance import services
from house.governance.forms import (
    DeleteForm,
    PaperForm,
    PaperVersionForm,
)
from house.governance.models import (
    Paper,
)
from house.governance.views.access import committee_for, refuse, require

from .running import _manage


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
