"""OParl 1.1 objects of the house's public committee data (read-only).

One body (the house) with its public committees as organisations. Only public
data leaves: public committees, memberships whose person agreed to be shown,
public agenda items of their meetings, public papers and their files, and
published minutes. Closed agenda items and papers never appear, not even as
deleted objects. Deleted committees, meetings, agenda items, papers and their files
stay in the lists with ``deleted: true`` (OParl 1.1, section "Gelöschte Objekte").
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db.models import Max, QuerySet
from django.urls import reverse
from django.utils import timezone

from house.governance.models import (
    AgendaItem,
    Committee,
    Meeting,
    Membership,
    Minutes,
    Paper,
    PaperVersion,
)
from house.models import User

if TYPE_CHECKING:
    import datetime as dt

VERSION = "https://schema.oparl.org/1.1/"
BODY_ID = 1


def url(name: str, **kwargs: Any) -> str:
    return settings.SITE_URL + reverse(f"governance:{name}", kwargs=kwargs)


def obj_url(kind: str, pk: int) -> str:
    return url("oparl_object", kind=kind, pk=pk)


def list_url(kind: str) -> str:
    return url("oparl_list", kind=kind)


def _time(value: dt.datetime | None) -> str | None:
    return timezone.localtime(value).isoformat(timespec="seconds") if value else None


def _date(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _type(name: str) -> str:
    return f"{VERSION}{name}"


def _clean(data: dict[str, Any]) -> dict[str, Any]:
    """OParl omits properties without a value."""
    return {key: value for key, value in data.items() if value not in (None, "", [])}


def _deleted(kind: str, name: str, obj: Any) -> dict[str, Any]:
    return {
        "id": obj_url(kind, obj.pk),
        "type": _type(name),
        "deleted": True,
        "modified": _time(obj.modified),
    }


def system() -> dict[str, Any]:
    from house.context_processors import current_house

    house = current_house()
    return _clean(
        {
            "id": url("oparl_system"),
            "type": _type("System"),
            "oparlVersion": VERSION,
            "body": list_url("body"),
            "name": house.name if house else "Hausportal",
            "website": settings.SITE_URL + "/",
            "license": "https://creativecommons.org/licenses/by/4.0/",
        }
    )


def body(_obj: Any = None) -> dict[str, Any]:
    from house.context_processors import current_house

    house = current_house()
    newest = Committee.objects.aggregate(latest=Max("modified"))["latest"]
    return _clean(
        {
            "id": obj_url("body", BODY_ID),
            "type": _type("Body"),
            "system": url("oparl_system"),
            "name": house.name if house else "Hausportal",
            "website": settings.SITE_URL + "/",
            "organization": list_url("organization"),
            "person": list_url("person"),
            "meeting": list_url("meeting"),
            "paper": list_url("paper"),
            "membership": list_url("membership"),
            "agendaItem": list_url("agendaitem"),
            "file": list_url("file"),
            "legislativeTerm": [],
            "classification": "Haus der Sozialwirtschaft",
            "modified": _time(newest),
        }
    ) | {"legislativeTerm": []}


def organization(committee: Committee) -> dict[str, Any]:
    if committee.deleted:
        return _deleted("organization", "Organization", committee)
    memberships = [m for m in committee.memberships.all() if m.public_consent]
    return _clean(
        {
            "id": obj_url("organization", committee.pk),
            "type": _type("Organization"),
            "body": obj_url("body", BODY_ID),
            "name": committee.name,
            "shortName": committee.short_name,
            "membership": [obj_url("membership", m.pk) for m in memberships],
            "meeting": list_url("meeting") + f"?organization={committee.pk}",
            "organizationType": "Gremium",
            "classification": committee.get_kind_display(),
            "web": url("public") if committee.kind == Committee.Kind.CURATORIUM else None,
            "created": _time(committee.created),
            "modified": _time(committee.modified),
        }
    )


def membership(m: Membership) -> dict[str, Any]:
    return _clean(
        {
            "id": obj_url("membership", m.pk),
            "type": _type("Membership"),
            "person": obj_url("person", m.person_id),
            "organization": obj_url("organization", m.committee_id),
            "role": m.get_role_display(),
            "votingRight": m.voting_right,
            "startDate": _date(m.start_date),
            "endDate": _date(m.end_date),
            "created": _time(m.created),
            "modified": _time(m.modified),
        }
    ) | {"votingRight": m.voting_right}


def person(user: User) -> dict[str, Any]:
    shown = [
        m for m in user.committee_memberships.all() if m.public_consent and m.committee.is_public
    ]
    return _clean(
        {
            "id": obj_url("person", user.pk),
            "type": _type("Person"),
            "body": obj_url("body", BODY_ID),
            "name": user.name,
            "membership": [membership(m) for m in shown],
            "modified": _time(getattr(user, "last_change", None)),
        }
    )


def file(version: PaperVersion) -> dict[str, Any]:
    paper = version.paper
    access = url("paper_file", slug=paper.committee.slug, pk=paper.pk, number=version.number)
    if paper.deleted:
        # The schema requires the access URL even of a deleted file; it answers 404 now.
        return _deleted("file", "File", version) | {"accessUrl": access}
    return _clean(
        {
            "id": obj_url("file", version.pk),
            "type": _type("File"),
            "name": f"{paper.title} (v{version.number})",
            "fileName": version.file_name,
            "mimeType": version.mime_type,
            "size": version.size,
            "date": _date(timezone.localdate(version.created)),
            "accessUrl": access,
            "downloadUrl": access,
            "paper": [obj_url("paper", paper.pk)],
            "created": _time(version.created),
            "modified": _time(version.modified),
        }
    )


def minutes_file(minutes: Minutes) -> dict[str, Any]:
    access = url("public_minutes_pdf", pk=minutes.pk)
    return _clean(
        {
            "id": obj_url("protocol", minutes.pk),
            "type": _type("File"),
            "name": str(minutes),
            "fileName": f"protokoll-{minutes.meeting.start:%Y-%m-%d}.pdf",
            "mimeType": "application/pdf",
            "accessUrl": access,
            "downloadUrl": access,
            "meeting": [obj_url("meeting", minutes.meeting_id)],
            "web": url("public_minutes", pk=minutes.pk),
            "created": _time(minutes.published_at),
            "modified": _time(minutes.modified),
        }
    )


def agenda_item(item: AgendaItem) -> dict[str, Any]:
    if item.deleted:
        # The schema requires the order even of a deleted item.
        return _deleted("agendaitem", "AgendaItem", item) | {"order": item.position}
    return _clean(
        {
            "id": obj_url("agendaitem", item.pk),
            "type": _type("AgendaItem"),
            "meeting": obj_url("meeting", item.meeting_id),
            "number": str(item.position),
            "order": item.position,
            "name": item.title,
            "public": True,
            "result": item.result,
            "resolutionText": item.resolution_text,
            "created": _time(item.created),
            "modified": _time(item.modified),
        }
    ) | {"order": item.position}


def meeting(m: Meeting) -> dict[str, Any]:
    if m.deleted:
        return _deleted("meeting", "Meeting", m)
    items = [i for i in m.agenda_items.all() if i.public and not i.deleted]
    minutes = getattr(m, "minutes", None)
    published = minutes is not None and minutes.state == Minutes.State.PUBLISHED
    return _clean(
        {
            "id": obj_url("meeting", m.pk),
            "type": _type("Meeting"),
            "name": f"{m.committee.name}: {m.title}",
            "meetingState": m.get_state_display(),
            "cancelled": m.state == Meeting.State.CANCELLED,
            "start": _time(m.start),
            "end": _time(m.end),
            "organization": [obj_url("organization", m.committee_id)],
            "agendaItem": [agenda_item(i) for i in items],
            "resultsProtocol": minutes_file(minutes) if minutes is not None and published else None,
            "created": _time(m.created),
            "modified": _time(m.modified),
        }
    )


def paper(p: Paper) -> dict[str, Any]:
    if p.deleted:
        return _deleted("paper", "Paper", p)
    versions = list(p.versions.all())
    return _clean(
        {
            "id": obj_url("paper", p.pk),
            "type": _type("Paper"),
            "body": obj_url("body", BODY_ID),
            "name": p.title,
            "reference": p.reference,
            "date": _date(timezone.localdate(p.created)),
            "mainFile": file(versions[0]) if versions else None,
            "auxiliaryFile": [file(v) for v in versions[1:]],
            "created": _time(p.created),
            "modified": _time(p.modified),
        }
    )


def _public_committees() -> QuerySet:
    return Committee.objects.filter(is_public=True)


def querysets() -> dict[str, tuple[QuerySet, Any, str]]:
    """Per OParl list: the public rows, the serializer, and the field ``modified_since`` reads."""
    from django.db.models import Prefetch

    live = Committee.objects.public()
    # Public papers, deleted ones included (they stay in the lists with their flag); a
    # paper on a closed item never, not even deleted.
    papers = Paper.objects.filter(committee__in=live, public=True).exclude(
        agenda_item__public=False
    )
    return {
        "body": (Committee.objects.none(), body, "modified"),
        "organization": (
            _public_committees().prefetch_related("memberships"),
            organization,
            "modified",
        ),
        "membership": (Membership.objects.public(), membership, "modified"),
        "person": (
            User.objects.filter(committee_memberships__in=Membership.objects.public())
            .annotate(last_change=Max("committee_memberships__modified"))
            .prefetch_related(
                Prefetch(
                    "committee_memberships", queryset=Membership.objects.select_related("committee")
                )
            )
            .distinct(),
            person,
            "last_change",
        ),
        "meeting": (
            Meeting.objects.filter(committee__in=live)
            .select_related("committee", "minutes")
            .prefetch_related("agenda_items"),
            meeting,
            "modified",
        ),
        "agendaitem": (
            # Public items of public committees' meetings, deleted ones with their flag.
            AgendaItem.objects.filter(public=True, meeting__committee__in=live),
            agenda_item,
            "modified",
        ),
        "paper": (
            papers.prefetch_related(
                Prefetch(
                    "versions",
                    queryset=PaperVersion.objects.select_related("paper__committee").order_by(
                        "number"
                    ),
                )
            ),
            paper,
            "modified",
        ),
        "file": (
            PaperVersion.objects.filter(paper__in=papers).select_related("paper__committee"),
            file,
            "modified",
        ),
        "protocol": (
            Minutes.objects.published().select_related("meeting"),
            minutes_file,
            "modified",
        ),
    }
