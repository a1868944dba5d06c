"""Usage reports of the conference centre for house management (issue #5)."""

from __future__ import annotations

from django.http import Http404


def usage_report(request, *args, **kwargs):
    raise Http404


usage_report_csv = organisation_report = organisation_report_csv = usage_report
