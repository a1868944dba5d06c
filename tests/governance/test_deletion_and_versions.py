"""Deleting from the portal (gone from pages, kept in OParl as deleted with a fresh
``modified``) and new versions of papers (rule-checked, history shown, closed stay closed)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from house.governance import services
from house.governance.models import AgendaItem, Meeting, Paper, PaperVersion
from house.governance.services import GovernanceError
from house.models import ActivityLog, OutboxEmail
from tests.factories import UserFactory
from tests.governance.factories import meeting, members
from tests.governance.test_oparl import _get, validate

pytestmark = pytest.mark.django_db


@pytest.fixture
def planned(curatorium, manager):
    seats = members(curatorium, 3)
    chair = services.add_membership(committee=curatorium, person=UserFactory(), role="chair")
    planned = meeting(
        curatorium,
        manager,
        title="Sitzung zum Löschen",
        agenda=[{"title": "Öffentlicher Punkt"}, {"title": "Geschlossener Punkt", "public": False}],
    )
    public_item, closed_item = planned.agenda_items.order_by("position")
    public_paper = services.add_paper(
        committee=curatorium,
        title="Öffentliches Papier",
        actor=manager,
        agenda_item=public_item,
        public=True,
        upload=SimpleUploadedFile("a.pdf", b"%PDF v1"),
    )
    closed_paper = services.add_paper(
        committee=curatorium,
        title="Vertrauliches Papier",
        actor=manager,
        agenda_item=closed_item,
        public=True,
        upload=SimpleUploadedFile("b.pdf", b"%PDF geheim v1"),
    )
    return {
        "seats": seats,
        "chair": chair,
        "meeting": planned,
        "public_item": public_item,
        "public_paper": public_paper,
        "closed_paper": closed_paper,
    }


def _oparl(client, kind, **params):
    url = reverse("governance:oparl_list", args=[kind])
    if params:
        url += "?" + "&".join(f"{k}={v}" for k, v in params.items())
    return _get(client, url)["data"]


def test_house_management_deletes_a_meeting_it_leaves_pages_and_stays_in_oparl_as_deleted(
    client, curatorium, manager, planned
):
    services.send_invitations(meeting=planned["meeting"], actor=manager)
    before = timezone.now() - dt.timedelta(seconds=1)
    client.force_login(manager)

    response = client.post(
        reverse("governance:delete", args=[curatorium.slug, "meeting", planned["meeting"].pk]),
        {"reason": "Doppelt angelegt"},
    )

    assert response.status_code == 302
    gone = Meeting.objects.get(pk=planned["meeting"].pk)
    assert gone.deleted
    assert gone.state == "cancelled"
    assert OutboxEmail.objects.filter(kind="governance.invitation").count() == 8  # 4 + 4 cancels
    overview = client.get(reverse("governance:committee", args=[curatorium.slug]))
    assert "Sitzung zum Löschen" not in overview.content.decode()
    detail = client.get(reverse("governance:meeting", args=[curatorium.slug, gone.pk]))
    assert detail.status_code == 404
    assert "Sitzung zum Löschen" not in client.get(reverse("governance:public")).content.decode()
    changed = {
        kind: _oparl(client, kind, modified_since=before.isoformat().replace("+", "%2B"))
        for kind in ("meeting", "agendaitem", "paper", "file")
    }
    for kind, objects in changed.items():
        assert objects, kind
        for obj in objects:
            assert obj["deleted"] is True, kind
            validate(obj)
    assert "Vertrauliches" not in str(changed)
    assert "Geschlossener" not in str(changed)
    entry = ActivityLog.objects.get(action_type="governance.meeting.deleted")
    assert entry.data["reason"] == "Doppelt angelegt"


def test_a_deleted_agenda_item_and_paper_leave_the_meeting_page(
    client, curatorium, manager, planned
):
    client.force_login(manager)
    url = reverse("governance:meeting", args=[curatorium.slug, planned["meeting"].pk])
    client.post(
        reverse("governance:delete", args=[curatorium.slug, "item", planned["public_item"].pk])
    )

    page = client.get(url).content.decode()

    assert "1. Öffentlicher Punkt" not in page
    assert "Öffentliches Papier" not in page
    assert "„Öffentlicher Punkt“ aus dem Portal gelöscht" in page  # the meeting's history
    assert AgendaItem.objects.get(pk=planned["public_item"].pk).deleted
    assert Paper.objects.get(pk=planned["public_paper"].pk).deleted
    item = next(o for o in _oparl(client, "agendaitem") if o.get("deleted"))
    validate(item)
    assert ActivityLog.objects.filter(action_type="governance.agenda_item.deleted").exists()


def test_only_house_management_deletes_and_records_stay(client, curatorium, manager, planned):
    client.force_login(planned["chair"].person)
    refused = client.post(
        reverse("governance:delete", args=[curatorium.slug, "paper", planned["public_paper"].pk])
    )
    assert refused.status_code == 403
    assert not Paper.objects.get(pk=planned["public_paper"].pk).deleted

    services.open_meeting(meeting=planned["meeting"], actor=manager)
    with pytest.raises(GovernanceError):
        services.delete_meeting(meeting=planned["meeting"], actor=manager)
    for seat in planned["seats"]:
        services.record_attendance(
            meeting=planned["meeting"], membership=seat, actor=manager, status="present"
        )
    vote = services.open_vote(item=planned["public_item"], question="?", actor=manager)
    services.close_vote(vote=vote, actor=manager)
    with pytest.raises(GovernanceError):
        services.delete_agenda_item(item=planned["public_item"], actor=manager)


def test_the_chair_uploads_a_new_version_and_everyone_sees_the_history(client, curatorium, planned):
    paper = planned["public_paper"]
    url = reverse("governance:paper", args=[curatorium.slug, paper.pk])
    client.force_login(planned["chair"].person)

    response = client.post(
        url, {"file": SimpleUploadedFile("a2.pdf", b"%PDF v2"), "note": "Zahlen korrigiert"}
    )

    assert response.status_code == 302
    assert list(paper.versions.order_by("number").values_list("number", "note")) == [
        (1, ""),
        (2, "Zahlen korrigiert"),
    ]
    client.force_login(planned["seats"][0].person)
    history = client.get(url).content.decode()
    assert "a.pdf" in history
    assert "a2.pdf" in history
    assert "Zahlen korrigiert" in history
    assert "Neue Version hochladen" not in history
    refused = client.post(url, {"file": SimpleUploadedFile("x.pdf", b"x")})
    assert refused.status_code == 403
    assert paper.versions.count() == 2
    latest = client.get(reverse("governance:paper_file", args=[curatorium.slug, paper.pk, 2]))
    assert b"".join(latest.streaming_content) == b"%PDF v2"


def test_a_new_version_of_a_closed_items_paper_never_reaches_the_public(
    client, curatorium, manager, planned
):
    paper = planned["closed_paper"]
    services.add_paper_version(
        paper=paper, actor=manager, upload=SimpleUploadedFile("b2.pdf", b"%PDF geheim v2")
    )

    files = _oparl(client, "file")
    anonymous = client.get(reverse("governance:paper_file", args=[curatorium.slug, paper.pk, 2]))
    page = client.get(reverse("governance:paper", args=[curatorium.slug, paper.pk]))

    assert PaperVersion.objects.filter(paper=paper).count() == 2
    assert "b2.pdf" not in str(files)
    assert "Vertrauliches" not in str(files)
    assert anonymous.status_code == 404
    assert page.status_code == 302  # to the login


def test_a_bad_upload_is_refused_with_a_message_and_nothing_saved(client, curatorium, planned):
    paper = planned["public_paper"]
    client.force_login(planned["chair"].person)

    response = client.post(reverse("governance:paper", args=[curatorium.slug, paper.pk]), {})

    assert response.status_code == 200
    assert "Dieses Feld ist zwingend erforderlich" in response.content.decode()
    assert paper.versions.count() == 1
