"""The curatorium in the browser: a member's meeting, papers, decision and minutes; house
management runs a meeting from invitation to published minutes. Every page is axe-clean."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from house.demo import seed_house
from house.governance import services
from house.governance.models import Attendance, CircularResponse, Meeting, Minutes, Vote
from house.models import Role
from tests.e2e.conftest import axe_violations, login, login_staff
from tests.factories import PASSWORD, UserFactory, staff_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def curatorium(db):
    seed_house()
    manager = staff_user(Role.HOUSE_MANAGEMENT, name="Miriam Adler")
    committee = services.create_committee(name="Kuratorium", kind="curatorium", actor=manager)
    member = UserFactory(name="Helmut Fischer", roles=[Role.CURATORIUM_MEMBER])
    deputy = UserFactory(name="Lothar Pieper")
    start_date = timezone.localdate() - dt.timedelta(days=100)
    seats = [
        services.add_membership(
            committee=committee,
            person=member,
            deputy=deputy,
            role="chair",
            start_date=start_date,
            public_consent=True,
        ),
        *[
            services.add_membership(
                committee=committee, person=UserFactory(), start_date=start_date
            )
            for _ in range(2)
        ],
    ]
    return {"committee": committee, "manager": manager, "member": member, "seats": seats}


def _held_meeting_with_published_minutes(committee, manager, seats):
    start = timezone.now() - dt.timedelta(days=60)
    past = services.schedule_meeting(
        committee=committee,
        title="Sitzung im Sommer",
        start=start,
        end=start + dt.timedelta(hours=2),
        actor=manager,
        chair=seats[0].person,
        minute_taker=manager,
        agenda=[{"title": "Sommerfest", "proposal": "Das Kuratorium unterstützt das Sommerfest."}],
    )
    services.open_meeting(meeting=past, actor=manager)
    for seat in seats:
        services.record_attendance(meeting=past, membership=seat, actor=manager, status="present")
    services.close_meeting(meeting=past, actor=manager)
    minutes = services.draft_minutes(meeting=past, actor=manager)
    later = services.schedule_meeting(
        committee=committee,
        title="Sitzung im Herbst",
        start=start + dt.timedelta(days=30),
        end=start + dt.timedelta(days=30, hours=2),
        actor=manager,
    )
    services.open_meeting(meeting=later, actor=manager)
    services.approve_minutes(minutes=minutes, at_meeting=later, actor=manager)
    services.publish_minutes(minutes=minutes, actor=manager)
    return minutes


def test_a_member_sends_apologies_reads_papers_decides_without_a_meeting_and_reads_minutes(
    page, curatorium
):
    committee, manager, member = (
        curatorium["committee"],
        curatorium["manager"],
        curatorium["member"],
    )
    minutes = _held_meeting_with_published_minutes(committee, manager, curatorium["seats"])
    start = timezone.now() + dt.timedelta(days=20)
    upcoming = services.schedule_meeting(
        committee=committee,
        title="Sitzung im Winter",
        start=start,
        end=start + dt.timedelta(hours=2),
        actor=manager,
        agenda=[{"title": "Haushalt 2027"}],
    )
    services.add_paper(
        committee=committee,
        title="Entwurf Haushalt",
        actor=manager,
        agenda_item=upcoming.agenda_items.get(title="Haushalt 2027"),
        upload=SimpleUploadedFile("haushalt.txt", b"Haushaltsentwurf"),
    )
    services.send_invitations(meeting=upcoming, actor=manager)
    decision = services.open_circular(
        committee=committee,
        title="Zuschuss Café",
        text="Das Kuratorium gewährt 300 Euro.",
        deadline=timezone.now() + dt.timedelta(days=7),
        actor=manager,
    )

    login(page, member.email, PASSWORD)
    page.goto("/committees/")
    page.wait_for_url(f"**/committees/{committee.slug}/")
    assert "Sitzung im Winter" in page.locator("main").inner_text()
    assert axe_violations(page) == []

    page.locator(f"a[href='/committees/{committee.slug}/meetings/{upcoming.pk}/']").click()
    page.wait_for_url(f"**/meetings/{upcoming.pk}/")
    assert axe_violations(page) == []
    paper_link = page.locator("a", has_text="Entwurf Haushalt")
    download = page.request.get(paper_link.get_attribute("href"))
    assert download.ok
    assert download.body() == b"Haushaltsentwurf"
    page.fill("input[name=note]", "Urlaub")
    page.locator(f"form[action$='/meetings/{upcoming.pk}/apologies/'] button").click()
    page.wait_for_url(f"**/meetings/{upcoming.pk}/")
    assert "Stellvertretung" in page.locator("main").inner_text()
    seat = Attendance.objects.get(meeting=upcoming, membership__person=member)
    assert seat.status == "apologised"
    assert seat.deputy_invited

    page.goto(f"/committees/{committee.slug}/circulars/{decision.pk}/")
    assert axe_violations(page) == []
    page.check("input[name=choice][value=yes]")
    page.check("input[name=confirm]")
    page.locator(f"form[action$='/circulars/{decision.pk}/answer/'] button").click()
    page.wait_for_url(f"**/circulars/{decision.pk}/")
    assert (
        CircularResponse.objects.get(decision=decision, membership__person=member).choice == "yes"
    )
    assert axe_violations(page) == []

    page.goto("/curatorium/")
    assert axe_violations(page) == []
    page.locator(f"a[href='/curatorium/minutes/{minutes.pk}/']").click()
    page.wait_for_url(f"**/curatorium/minutes/{minutes.pk}/")
    assert "Sommerfest" in page.locator("main").inner_text()
    assert axe_violations(page) == []


def test_house_management_runs_a_meeting_from_invitation_to_published_minutes(page, curatorium):
    committee, manager, seats = curatorium["committee"], curatorium["manager"], curatorium["seats"]
    login_staff(page, manager.email, PASSWORD)

    page.goto(f"/committees/{committee.slug}/meetings/new/")
    assert axe_violations(page) == []
    day = (timezone.localtime() + dt.timedelta(days=21)).date()
    page.fill("input[name=title]", "Sitzung im Frühjahr")
    page.fill("input[name=start]", f"{day.isoformat()}T17:00")
    page.fill("input[name=end]", f"{day.isoformat()}T19:00")
    page.fill("input[name=location]", "Saal")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/meetings/*/")
    meeting = Meeting.objects.get(title="Sitzung im Frühjahr")
    assert axe_violations(page) == []

    page.fill("input[name=title]", "Jahresbericht")
    page.fill("textarea[name=proposal]", "Das Kuratorium nimmt den Jahresbericht an.")
    page.locator(f"form[action$='/meetings/{meeting.pk}/agenda/'] button").click()
    page.wait_for_url(f"**/meetings/{meeting.pk}/")
    page.locator(f"form[action$='/meetings/{meeting.pk}/invite/'] button").click()
    page.wait_for_url(f"**/meetings/{meeting.pk}/")
    meeting.refresh_from_db()
    assert meeting.state == "invited"
    assert not meeting.invitation_late

    page.locator(f"form[action$='/meetings/{meeting.pk}/open/'] button").click()
    page.wait_for_url(f"**/meetings/{meeting.pk}/")
    for seat in seats[:2]:
        page.select_option("select[name=membership]", str(seat.pk))
        page.select_option("select[name=status]", "present")
        page.locator(f"form[action$='/meetings/{meeting.pk}/attendance/'] button").click()
        page.wait_for_url(f"**/meetings/{meeting.pk}/")
    assert "Beschlussfähig: ja" in page.locator("main").inner_text()
    assert axe_violations(page) == []

    item = meeting.agenda_items.get(title="Jahresbericht")
    page.locator("summary", has_text="Abstimmung").first.click()
    page.locator(f"form[action$='/items/{item.pk}/vote/'] button").click()
    page.wait_for_url(f"**/meetings/{meeting.pk}/")
    vote = Vote.objects.get(agenda_item=item)
    for seat in seats[:2]:  # the members vote on their own devices
        services.cast_ballot(vote=vote, person=seat.person, choice="yes")
    page.reload()
    page.locator(f"form[action$='/votes/{vote.pk}/close/'] button").click()
    page.wait_for_url(f"**/meetings/{meeting.pk}/")
    page.locator(f"form[action$='/meetings/{meeting.pk}/close/'] button").click()
    page.wait_for_url(f"**/meetings/{meeting.pk}/")
    page.locator(f"form[action$='/meetings/{meeting.pk}/minutes/'] button").click()
    page.wait_for_url("**/minutes/*/")
    minutes = Minutes.objects.get(meeting=meeting)
    assert (
        "2 Ja, 0 Nein" in page.locator("main").inner_text() or "2 Ja" in minutes.entries.get().text
    )
    assert axe_violations(page) == []
    page.locator(f"form[action$='/minutes/{minutes.pk}/circulate/'] button").click()
    page.wait_for_url(f"**/minutes/{minutes.pk}/")

    start = meeting.start + dt.timedelta(days=30)
    next_meeting = services.schedule_meeting(
        committee=committee,
        title="Folgesitzung",
        start=start,
        end=start + dt.timedelta(hours=2),
        actor=manager,
    )
    services.open_meeting(meeting=next_meeting, actor=manager)
    page.reload()
    page.select_option("select[name=meeting]", str(next_meeting.pk))
    page.locator(f"form[action$='/minutes/{minutes.pk}/approve/'] button").click()
    page.wait_for_url(f"**/minutes/{minutes.pk}/")
    page.locator(f"form[action$='/minutes/{minutes.pk}/publish/'] button").click()
    page.wait_for_url(f"**/minutes/{minutes.pk}/")
    minutes.refresh_from_db()
    assert minutes.state == "published"
    assert axe_violations(page) == []

    page.goto(f"/curatorium/minutes/{minutes.pk}/")
    assert "Jahresbericht" in page.locator("main").inner_text()
    assert axe_violations(page) == []
    pdf = page.request.get(f"/curatorium/minutes/{minutes.pk}/pdf/")
    assert pdf.body().startswith(b"%PDF")


def test_a_date_poll_a_delegation_a_new_paper_version_and_a_deletion_in_the_browser(
    page, curatorium
):
    from house.governance.models import DatePoll, DatePollAnswer, Delegation, Paper

    committee, manager, member = (
        curatorium["committee"],
        curatorium["manager"],
        curatorium["member"],
    )
    other = curatorium["seats"][1].person

    first = timezone.localtime() + dt.timedelta(days=40)
    poll = services.open_date_poll(
        committee=committee,
        title="Sitzung im Sommer",
        slots=[
            (first + dt.timedelta(days=d), first + dt.timedelta(days=d, hours=2)) for d in (0, 1, 2)
        ],
        location="Saal",
        actor=manager,
    )
    slots = list(poll.slots.order_by("start"))

    # The member answers from the committee page; htmx saves without leaving the page.
    login(page, member.email, PASSWORD)
    page.goto(f"/committees/{committee.slug}/")
    page.wait_for_url(f"**/committees/{committee.slug}/")
    page.locator(f"a[href='/committees/{committee.slug}/date-polls/{poll.pk}/']").click()
    page.wait_for_url(f"**/date-polls/{poll.pk}/")
    assert axe_violations(page) == []
    page.check(f"#slot-{slots[0].pk}-yes")
    page.check(f"#slot-{slots[1].pk}-maybe")
    page.check(f"#slot-{slots[2].pk}-no")
    page.evaluate("window.stayedOnThePage = true")
    page.get_by_role("button", name="Antworten speichern").click()
    page.locator("#poll-region", has_text="Ihre Antworten sind gespeichert").wait_for()
    assert page.evaluate("window.stayedOnThePage === true")  # htmx swapped only the region
    assert DatePollAnswer.objects.filter(membership__person=member).count() == 3
    assert axe_violations(page) == []

    # The member delegates their vote for an upcoming meeting.
    start = timezone.now() + dt.timedelta(days=20)
    upcoming = services.schedule_meeting(
        committee=committee,
        title="Sitzung im Winter",
        start=start,
        end=start + dt.timedelta(hours=2),
        actor=manager,
        agenda=[{"title": "Haushalt"}, {"title": "Veraltet"}],
    )
    services.add_paper(
        committee=committee,
        title="Entwurf Haushalt",
        actor=manager,
        agenda_item=upcoming.agenda_items.get(title="Haushalt"),
        upload=SimpleUploadedFile("haushalt.txt", b"Fassung 1"),
    )
    page.goto(f"/committees/{committee.slug}/meetings/{upcoming.pk}/")
    page.select_option("select[name=delegate]", str(other.pk))
    page.locator(f"form[action$='/meetings/{upcoming.pk}/delegation/'] button").click()
    page.wait_for_url(f"**/meetings/{upcoming.pk}/")
    assert f"{other.name} stimmt in dieser Sitzung für Sie ab" in page.locator("main").inner_text()
    assert Delegation.objects.get(meeting=upcoming).delegate == other
    assert axe_violations(page) == []
    page.context.clear_cookies()

    # House management sees who is missing, fixes the date, files a new version, deletes an item.
    login_staff(page, manager.email, PASSWORD)
    page.goto(f"/committees/{committee.slug}/date-polls/{poll.pk}/")
    missing = page.locator("p", has_text="Noch nicht geantwortet").inner_text()
    assert member.name not in missing
    assert other.name in missing
    page.check(f"input[name=slot][value='{slots[0].pk}']")
    page.locator(f"form[action$='/date-polls/{poll.pk}/decide/'] button").click()
    page.wait_for_url("**/meetings/*/")
    poll.refresh_from_db()
    assert poll.state == "decided"
    assert poll.meeting.state == "invited"
    assert axe_violations(page) == []

    paper = Paper.objects.get(title="Entwurf Haushalt")
    page.goto(f"/committees/{committee.slug}/papers/{paper.pk}/")
    assert axe_violations(page) == []
    page.set_input_files(
        "input[name=file]",
        files=[{"name": "haushalt-2.txt", "mimeType": "text/plain", "buffer": b"Fassung 2"}],
    )
    page.fill("input[name=note]", "Zahlen ergänzt")
    page.locator("main form[enctype] button[type=submit]").click()
    page.wait_for_url(f"**/papers/{paper.pk}/")
    assert "haushalt-2.txt" in page.locator("main").inner_text()
    assert paper.versions.count() == 2
    assert axe_violations(page) == []

    page.goto(f"/committees/{committee.slug}/meetings/{upcoming.pk}/")
    stale = upcoming.agenda_items.get(title="Veraltet")
    page.locator("summary", has_text="Diesen Punkt aus dem Portal löschen").nth(1).click()
    page.fill(f"#reason-item-{stale.pk}", "Erledigt")
    page.locator(f"form[action$='/item/{stale.pk}/delete/'] button").click()
    page.wait_for_url(f"**/meetings/{upcoming.pk}/")
    assert "Veraltet" not in page.locator("#agenda + ol").inner_text()
    assert axe_violations(page) == []

    # And offers the dates of the next meeting.
    page.goto(f"/committees/{committee.slug}/date-polls/new/")
    assert axe_violations(page) == []
    day = (timezone.localtime() + dt.timedelta(days=90)).date()
    page.fill("input[name=title]", "Sitzung im Herbst")
    for index in range(3):
        page.fill(
            f"input[name=slot_{index + 1}]", f"{(day + dt.timedelta(days=index)).isoformat()}T17:00"
        )
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/date-polls/*/")
    assert DatePoll.objects.get(title="Sitzung im Herbst").slots.count() == 3
    assert axe_violations(page) == []
