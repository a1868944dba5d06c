"""The OParl 1.1 interface: valid against the official schemas, public data only, paged."""

from __future__ import annotations

import datetime as dt
import json
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

import jsonschema
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from house.governance import services
from tests.factories import UserFactory
from tests.governance.factories import meeting, members, running_meeting

pytestmark = pytest.mark.django_db

SCHEMAS = Path(__file__).parent / "oparl_schema"
SECRET = "Vertrauliche Personalsache"


@cache
def schema(name: str) -> dict:
    return json.loads((SCHEMAS / name).read_text())


def _resolve(node, depth=0):
    """Replace OParl's ``"schema": "X.json"`` references by the embedded schema."""
    if isinstance(node, dict):
        if "schema" in node and isinstance(node["schema"], str) and node.get("type") == "object":
            if depth > 3:
                return {"type": "object"}
            return _resolve(schema(node["schema"]), depth + 1)
        return {key: _resolve(value, depth) for key, value in node.items()}
    if isinstance(node, list):
        return [_resolve(value, depth) for value in node]
    return node


checker = jsonschema.FormatChecker()


@checker.checks("url")
def _is_url(value) -> bool:
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


@checker.checks("date-time", raises=ValueError)
def _is_datetime(value) -> bool:
    parsed = dt.datetime.fromisoformat(value)
    return parsed.tzinfo is not None


@checker.checks("date", raises=ValueError)
def _is_date(value) -> bool:
    dt.date.fromisoformat(value)
    return len(value) == 10


def validate(obj: dict) -> None:
    name = obj["type"].rsplit("/", 1)[-1] + ".json"
    jsonschema.validate(obj, _resolve(schema(name)), format_checker=checker)


@pytest.fixture
def house_data(curatorium, manager):
    shown = services.add_membership(
        committee=curatorium, person=UserFactory(name="Erika Offen"), public_consent=True
    )
    hidden = services.add_membership(committee=curatorium, person=UserFactory(name="Otto Verdeckt"))
    seats = [shown, hidden, *members(curatorium, 1)]
    held = running_meeting(
        curatorium,
        manager,
        present=seats,
        agenda=[{"title": "Haushalt", "proposal": "Annehmen"}, {"title": SECRET, "public": False}],
    )
    public_item, closed_item = held.agenda_items.order_by("position")
    services.add_paper(
        committee=curatorium,
        title="Haushaltsplan",
        actor=manager,
        agenda_item=public_item,
        public=True,
        upload=SimpleUploadedFile("plan.pdf", b"%PDF plan"),
    )
    services.add_paper(
        committee=curatorium,
        title=f"{SECRET} – Vermerk",
        actor=manager,
        agenda_item=closed_item,
        public=True,  # a paper on a closed item never becomes public
        upload=SimpleUploadedFile("vermerk.pdf", b"%PDF secret"),
    )
    vote = services.open_vote(item=public_item, question="Annehmen?", actor=manager)
    services.cast_ballot(vote=vote, person=shown.person, choice="yes")
    services.close_vote(vote=vote, actor=manager)
    services.close_meeting(meeting=held, actor=manager)
    minutes = services.draft_minutes(meeting=held, actor=manager)
    later = running_meeting(curatorium, manager, present=seats, days_ahead=60)
    services.approve_minutes(minutes=minutes, at_meeting=later, actor=manager)
    services.publish_minutes(minutes=minutes, actor=manager)
    private = services.create_committee(name="Vorstand intern", kind="board", is_public=False)
    services.add_membership(
        committee=private, person=UserFactory(name="Ina Intern"), public_consent=True
    )
    meeting(private, manager, agenda=[{"title": "Interne Runde"}])
    return {"shown": shown, "hidden": hidden, "meeting": held}


def _get(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/json")
    assert response["Access-Control-Allow-Origin"] == "*"
    return response.json()


def _crawl(client):
    """Every object of every list, following the paging links, validated on the way."""
    system = _get(client, reverse("governance:oparl_system"))
    validate(system)
    bodies = _get(client, urlsplit(system["body"]).path)["data"]
    objects = [system, *bodies]
    for body in bodies:
        validate(body)
        for key in (
            "organization",
            "person",
            "meeting",
            "paper",
            "membership",
            "agendaItem",
            "file",
        ):
            url = body[key]
            while url:
                parts = urlsplit(url)
                page = _get(client, parts.path + (f"?{parts.query}" if parts.query else ""))
                assert set(page["pagination"]) >= {
                    "totalElements",
                    "elementsPerPage",
                    "currentPage",
                    "totalPages",
                }
                for obj in page["data"]:
                    validate(obj)
                    objects.append(obj)
                url = page["links"].get("next")
    return objects


def test_every_oparl_object_validates_against_the_official_schemas(client, house_data):
    objects = _crawl(client)

    kinds = {o["type"].rsplit("/", 1)[-1] for o in objects}
    assert {
        "System",
        "Body",
        "Organization",
        "Person",
        "Membership",
        "Meeting",
        "AgendaItem",
        "Paper",
        "File",
    } <= kinds


def test_closed_items_hidden_members_and_private_committees_never_appear(client, house_data):
    text = json.dumps(_crawl(client), ensure_ascii=False)

    assert "Erika Offen" in text
    assert "Haushaltsplan" in text
    assert SECRET not in text
    assert "Otto Verdeckt" not in text
    assert "Vorstand intern" not in text
    assert "Ina Intern" not in text
    assert "Interne Runde" not in text


def test_a_closed_papers_file_is_not_served_to_the_public(client, house_data, curatorium):
    paper = curatorium.papers.get(title__startswith=SECRET)

    response = client.get(reverse("governance:paper_file", args=[curatorium.slug, paper.pk, 1]))

    assert response.status_code == 404


def test_a_published_meeting_links_its_minutes_as_results_protocol(client, house_data):
    data = _get(
        client, reverse("governance:oparl_object", args=["meeting", house_data["meeting"].pk])
    )

    protocol = data["resultsProtocol"]
    assert protocol["mimeType"] == "application/pdf"
    pdf = client.get(urlsplit(protocol["accessUrl"]).path)
    assert pdf.content.startswith(b"%PDF")


def test_lists_are_paged_with_links(client, manager):
    committee = services.create_committee(name="AG Viele", kind="working_group")
    for index in range(25):
        services.add_membership(
            committee=committee, person=UserFactory(name=f"P{index}"), public_consent=True
        )
    url = reverse("governance:oparl_list", args=["membership"])

    first = _get(client, url)
    second = _get(
        client, urlsplit(first["links"]["next"]).path + "?" + urlsplit(first["links"]["next"]).query
    )

    assert first["pagination"] == {
        "totalElements": 25,
        "elementsPerPage": 20,
        "currentPage": 1,
        "totalPages": 2,
    }
    assert len(first["data"]) == 20
    assert len(second["data"]) == 5
    assert "next" not in second["links"]
    assert "prev" in second["links"]


def test_modified_since_returns_only_what_changed(client, curatorium):
    old = services.add_membership(committee=curatorium, person=UserFactory(), public_consent=True)
    from house.governance.models import Membership

    Membership.objects.filter(pk=old.pk).update(modified=timezone.now() - dt.timedelta(days=10))
    new = services.add_membership(committee=curatorium, person=UserFactory(), public_consent=True)
    since = (timezone.now() - dt.timedelta(days=1)).isoformat()

    data = _get(
        client,
        reverse("governance:oparl_list", args=["membership"])
        + f"?modified_since={since.replace('+', '%2B')}",
    )

    from house.governance import oparl

    ids = [o["id"] for o in data["data"]]
    assert ids == [oparl.obj_url("membership", new.pk)]
    assert "modified_since" in data["links"]["first"]


def test_a_bad_filter_is_answered_with_a_clear_error(client):
    response = client.get(
        reverse("governance:oparl_list", args=["meeting"]) + "?modified_since=gestern"
    )

    assert response.status_code == 400
    assert "modified_since" in response.json()["message"]


def test_deleted_meetings_stay_in_the_list_with_a_flag(client, curatorium, manager):
    gone = meeting(curatorium, manager)
    type(gone).objects.filter(pk=gone.pk).update(deleted=True)

    data = _get(client, reverse("governance:oparl_list", args=["meeting"]))

    assert data["data"][0]["deleted"] is True
    validate(data["data"][0])
