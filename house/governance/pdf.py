"""The published minutes as a PDF (reportlab): the public part only, with chair and
minute-taker."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from django.utils import timezone
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

if TYPE_CHECKING:
    from house.governance.models import Minutes


def _paragraphs(text: str, style) -> list:
    return [
        Paragraph(escape(block).replace("\n", "<br/>"), style)
        for block in text.split("\n\n")
        if block.strip()
    ]


def minutes_pdf(minutes: Minutes) -> bytes:
    """Render the public part of ``minutes``: public entries and public corrigenda."""
    meeting = minutes.meeting
    styles = getSampleStyleSheet()
    buffer = io.BytesIO()
    title = _("Minutes: %(committee)s, %(title)s") % {
        "committee": meeting.committee.name,
        "title": meeting.title,
    }
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=20 * mm,
        bottomMargin=20 * mm,
        title=title,
        author=meeting.committee.name,
        lang="de",
    )
    start = timezone.localtime(meeting.start)
    story = [
        Paragraph(escape(title), styles["Title"]),
        Paragraph(
            escape(
                _("Meeting of %(date)s, %(place)s")
                % {"date": start.strftime("%d.%m.%Y %H:%M"), "place": meeting.place() or "–"}
            ),
            styles["Normal"],
        ),
        Paragraph(
            escape(
                _("Chair: %(chair)s · Minutes: %(taker)s")
                % {"chair": minutes.chair_name or "–", "taker": minutes.minute_taker_name or "–"}
            ),
            styles["Normal"],
        ),
    ]
    if minutes.approved_in is not None:
        story.append(
            Paragraph(
                escape(
                    _("Approved at the meeting of %(date)s")
                    % {"date": timezone.localtime(minutes.approved_in.start).strftime("%d.%m.%Y")}
                ),
                styles["Normal"],
            )
        )
    story.append(Spacer(1, 6 * mm))
    for entry in minutes.entries.filter(public=True).order_by("position"):
        story.append(Paragraph(escape(entry.heading), styles["Heading2"]))
        story.extend(_paragraphs(entry.text, styles["BodyText"]))
    corrigenda = list(minutes.corrigenda.filter(public=True))
    if corrigenda:
        story.append(Paragraph(escape(_("Corrigenda")), styles["Heading2"]))
        for corrigendum in corrigenda:
            story.append(
                Paragraph(
                    escape(
                        f"{timezone.localtime(corrigendum.created):%d.%m.%Y}: {corrigendum.text}"
                    ),
                    styles["BodyText"],
                )
            )
    document.build(story)
    return buffer.getvalue()
