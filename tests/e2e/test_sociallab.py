"""Social Lab journeys in the browser: a founder applies, the team decides and releases,
a reviewer reads anonymously, a mentor offers times and a founder books one. axe-clean.

Screenshots go to ``var/e2e/sociallab-*.png`` for a human look at the pages.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import timezone

from house.models import OutboxEmail, Role
from sociallab.models import Application, Call, Criterion, ReviewerTeam, ReviewPhase, Venture
from sociallab.services import applications, decisions, mentoring, review, ventures
from sociallab.services.calls import create_call
from tests.e2e.conftest import AXE_JS, AXE_PATH, axe_violations, login, login_staff
from tests.factories import PASSWORD, UserFactory, staff_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SHOTS = Path(__file__).resolve().parents[2] / "var" / "e2e"


def second_tab(browser, live_server):
    """Another person's browser, with axe-core served as in the ``page`` fixture."""
    context = browser.new_context(base_url=live_server.url, locale="de-DE")
    context.route(
        f"**{AXE_PATH}",
        lambda route: route.fulfill(body=AXE_JS.read_bytes(), content_type="text/javascript"),
    )
    return context


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"sociallab-{name}.png"), full_page=True)


@pytest.fixture
def call(db):
    from house.demo import seed_house

    seed_house()
    now = timezone.now()
    call = create_call(
        title="Ideen für Kassel 2027",
        summary="Sie haben eine Idee, die Kassel sozialer macht? Bewerben Sie sich.",
        programme="Sechs Monate Begleitung.",
        opens_at=now - dt.timedelta(days=3),
        closes_at=now + dt.timedelta(days=30),
        decisions_by=(now + dt.timedelta(days=60)).date(),
        is_published=True,
    )
    Criterion.objects.create(call=call, name="Soziale Wirkung", weight=Decimal("2"))
    Criterion.objects.create(call=call, name="Machbarkeit")
    return call


def test_a_founder_drafts_submits_and_follows_the_status(page, call):
    founder = UserFactory(name="Lea Hoffmann", email="lea@example.org")
    page.goto("/sociallab/")
    assert axe_violations(page) == []
    login(page, founder.email, PASSWORD)
    page.goto(f"/sociallab/calls/{call.slug}/")
    assert axe_violations(page) == []
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/edit/")
    page.fill("input[name=title]", "Mittagstisch Nordstadt")
    page.check("input[name=q_based_in_region][value=yes]")
    page.check("input[name=q_social_purpose][value=yes]")
    page.select_option("select[name=q_stage]", "Idee")
    page.fill("textarea[name=q_problem]", "Ältere Menschen essen allein.")
    # htmx saves while typing: the status line changes without a page load.
    page.locator("#autosave-status", has_text="Entwurf um").wait_for()
    page.fill("textarea[name=q_solution]", "Nachbarinnen kochen reihum.")
    with page.expect_response(lambda r: r.url.endswith("/edit/") and r.request.method == "POST"):
        page.fill("textarea[name=q_team]", "Zwei Sozialarbeiterinnen.")
    assert axe_violations(page) == []
    shot(page, "founder-form")
    page.locator("button[name=to_overview]").click()
    page.wait_for_url("**/applications/*/")
    application = Application.objects.get(applicant=founder)
    assert application.answers["team"] == "Zwei Sozialarbeiterinnen."
    assert axe_violations(page) == []

    # Feedback on the draft before submitting it: a question, the team's answer.
    page.locator("textarea[name=body]").fill("Reicht die Beschreibung des Teams so?")
    page.get_by_role("button", name="Nachricht senden").click()
    page.wait_for_url("**/applications/*/")
    staff = staff_user(Role.SOCIAL_LAB_STAFF, name="Malte Richter")
    applications.post_comment(
        application=application,
        author=staff,
        body="Nennen Sie bitte noch, wer kocht.",
        audience="applicant",
    )
    page.reload()
    thread = page.locator("#thread-heading").locator("xpath=..").inner_text()
    assert "Reicht die Beschreibung des Teams so?" in thread
    assert "Nennen Sie bitte noch, wer kocht." in thread
    assert axe_violations(page) == []
    shot(page, "founder-feedback")
    page.check("input[name=consent]")
    page.locator("form[action$='/submit/'] button[type=submit]").click()
    page.wait_for_url("**/applications/*/")
    application.refresh_from_db()
    assert application.status == Application.Status.SUBMITTED
    assert page.locator("[aria-current=step]").count() == 1
    assert axe_violations(page) == []
    shot(page, "founder-submitted")


def test_the_team_decides_releases_and_the_founder_confirms(page, browser, live_server, call):
    staff = staff_user(Role.SOCIAL_LAB_STAFF, email="team@example.org", name="Malte Richter")
    founder = UserFactory(name="Lea Hoffmann", email="lea@example.org")
    application = applications.start_application(call=call, applicant=founder)
    applications.save_draft(
        application=application,
        actor=founder,
        title="Mittagstisch Nordstadt",
        answers={
            "based_in_region": "yes",
            "social_purpose": "yes",
            "stage": "Idee",
            "problem": "Einsamkeit",
            "solution": "Mittagstisch",
            "team": "Wir",
        },
    )
    applications.submit_application(application=application, actor=founder, consent=True)
    login_staff(page, staff.email, PASSWORD)
    page.goto(f"/sociallab/staff/calls/{call.pk}/")
    assert axe_violations(page) == []
    page.goto(f"/sociallab/staff/applications/{application.pk}/")
    assert axe_violations(page) == []
    page.check("input[name=decision][value=accept]")
    page.fill("textarea[name=message]", "Herzlich willkommen im Social Lab!")
    page.locator("form[action$='/decide/'] button[type=submit]").click()
    page.wait_for_url("**/staff/applications/*/")
    page.goto(f"/sociallab/staff/calls/{call.pk}/")
    page.locator("form[action$='/release/'] button[type=submit]").click()
    page.wait_for_url(f"**/staff/calls/{call.pk}/")
    shot(page, "staff-call")
    assert OutboxEmail.objects.filter(kind="sociallab.decision").count() == 1

    founder_context = second_tab(browser, live_server)
    founder_page = founder_context.new_page()
    login(founder_page, founder.email, PASSWORD)
    founder_page.goto("/sociallab/applications/")
    assert "Handlung nötig" in founder_page.locator("main").inner_text()
    founder_page.goto(application.get_absolute_url())
    assert axe_violations(founder_page) == []
    shot(founder_page, "founder-action-required")
    history = founder_page.locator("#history-heading").locator("xpath=..").inner_text()
    assert "Entscheidung versandt: Annehmen" in history
    founder_page.locator("button[name=answer][value=accept]").click()
    founder_page.wait_for_url("**/ventures/*/")
    venture = Venture.objects.get(application=application)
    assert venture.founders.get() == founder

    # The founder tracks the venture's milestones.
    due = timezone.localdate() + dt.timedelta(days=21)
    milestone_form = founder_page.locator("form[action$='/milestones/']")
    milestone_form.locator("input[name=title]").fill("Erster Probe-Mittagstisch")
    milestone_form.locator("input[name=due_on]").fill(due.isoformat())
    with founder_page.expect_navigation():
        founder_page.get_by_role("button", name="Meilenstein hinzufügen").click()
    milestone = venture.milestones.get()
    assert milestone.due_on == due
    with founder_page.expect_navigation():
        founder_page.get_by_role(
            "button", name=re.compile(r"^Erreicht\W+Erster Probe-Mittagstisch$")
        ).click()
    milestone.refresh_from_db()
    assert milestone.done_at is not None
    assert "Meilenstein erreicht: Erster Probe-Mittagstisch" in founder_page.inner_text("main")
    assert axe_violations(founder_page) == []
    shot(founder_page, "founder-milestones")
    founder_context.close()


def test_a_reviewer_reads_anonymously_and_a_mentor_is_booked(page, browser, live_server, call):
    founder = UserFactory(name="Hannelore Quastenberg", email="hq@example.org")
    reviewer = UserFactory(name="Ute Berger", email="ute@example.org")
    mentor = UserFactory(name="Thomas Wagner", email="thomas@example.org", roles=[Role.MENTOR])
    team = ReviewerTeam.objects.create(call=call, name="Jury")
    team.members.add(reviewer)
    ReviewPhase.objects.create(call=call, name="Begutachtung", is_active=True, scope="all")
    application = applications.start_application(call=call, applicant=founder)
    applications.save_draft(
        application=application,
        actor=founder,
        title="Quastenbergs Mittagstisch",
        answers={
            "based_in_region": "yes",
            "social_purpose": "yes",
            "stage": "Idee",
            "problem": "Einsamkeit",
            "solution": "Mittagstisch",
            "team": "Hannelore Quastenberg",
        },
    )
    applications.submit_application(application=application, actor=founder, consent=True)
    login(page, reviewer.email, PASSWORD)
    page.goto(f"/sociallab/review/{call.pk}/{application.pk}/")
    text = page.locator("body").inner_text()
    assert "Quastenberg" not in text
    assert axe_violations(page) == []
    shot(page, "reviewer-anonymous")

    staff = staff_user(Role.SOCIAL_LAB_STAFF)
    decisions.decide_application(actor=staff, application=application, decision="accept")
    decisions.release_decisions(actor=staff, call=call)
    application.refresh_from_db()
    decisions.answer_offer(application=application, actor=founder, accept=True)
    venture = Venture.objects.get(application=application)
    ventures.assign_mentor(venture=venture, actor=staff, mentor=mentor, hour_budget=Decimal("6"))
    not_theirs = Venture.objects.create(name="Geheimes Vorhaben Zwiebelturm")
    ventures.assign_mentor(
        venture=not_theirs,
        actor=staff,
        mentor=UserFactory(name="Andere Mentorin", roles=[Role.MENTOR]),
        hour_budget=Decimal("4"),
    )
    ventures.add_milestone(
        venture=venture,
        actor=founder,
        title="Erster Probe-Mittagstisch",
        due_on=timezone.localdate() + dt.timedelta(days=14),
    )
    start = (timezone.now() + dt.timedelta(days=4)).replace(minute=0, second=0, microsecond=0)
    mentoring.publish_slot(
        mentor=mentor, start=start, end=start + dt.timedelta(hours=1), location="Videocall"
    )

    mentor_context = second_tab(browser, live_server)
    mentor_page = mentor_context.new_page()
    login(mentor_page, mentor.email, PASSWORD)
    mentor_page.goto("/sociallab/mentoring/")
    desk = mentor_page.locator("main").inner_text()
    assert "Quastenbergs Mittagstisch" in desk
    assert "Geheimes Vorhaben" not in desk
    assert axe_violations(mentor_page) == []
    shot(mentor_page, "mentor-desk")
    mentor_page.goto("/sociallab/ventures/")
    listed = mentor_page.locator("main").inner_text()
    assert "Quastenbergs Mittagstisch" in listed
    assert "Geheimes Vorhaben" not in listed
    assert axe_violations(mentor_page) == []
    response = mentor_page.goto(not_theirs.get_absolute_url())
    assert response.status == 404
    mentor_context.close()

    founder_context = second_tab(browser, live_server)
    founder_page = founder_context.new_page()
    login(founder_page, founder.email, PASSWORD)
    founder_page.goto(venture.get_absolute_url())
    assert axe_violations(founder_page) == []
    shot(founder_page, "founder-venture")
    founder_page.fill("input[name=topic]", "Hygienekonzept")
    founder_page.locator("form[action*='/book/'] button[type=submit]").click()
    founder_page.wait_for_url("**/sessions/*/")
    assert venture.sessions.get().topic == "Hygienekonzept"
    assert axe_violations(founder_page) == []
    founder_context.close()


def test_staff_run_a_call_from_opening_to_released_decisions(page, call):
    staff = staff_user(Role.SOCIAL_LAB_STAFF, email="team@example.org", name="Malte Richter")
    reviewer = UserFactory(name="Ute Berger", email="ute@example.org")
    login_staff(page, staff.email, PASSWORD)
    page.goto("/sociallab/staff/calls/new/")
    assert axe_violations(page) == []
    now = timezone.localtime()
    page.locator("#id_title").fill("Nachbarschaft 2028")
    page.locator("#id_summary").fill("Ideen für gute Nachbarschaft in Kassel.")
    page.locator("#id_opens_at").fill((now - dt.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"))
    page.locator("#id_closes_at").fill((now + dt.timedelta(days=30)).strftime("%Y-%m-%dT%H:%M"))
    page.locator("#id_decisions_by").fill((now + dt.timedelta(days=60)).date().isoformat())
    page.locator("#id_is_published").check()
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/staff/calls/*/")
    new_call = Call.objects.get(title="Nachbarschaft 2028")
    assert new_call.is_published

    page.goto(f"/sociallab/staff/calls/{new_call.pk}/setup/")
    assert axe_violations(page) == []
    page.locator("#id_criterion-name").fill("Wirkung im Quartier")
    page.get_by_role("button", name="Kriterium hinzufügen").click()
    page.wait_for_url("**/setup/")
    page.locator("#id_phase-name").fill("Begutachtung")
    page.get_by_role("button", name="Phase hinzufügen").click()
    page.wait_for_url("**/setup/")
    phase = new_call.review_phases.get()
    page.check(f"#phase-{phase.pk}")
    page.get_by_role("button", name="Aktive Phase einstellen").click()
    page.wait_for_url("**/setup/")
    page.locator("#id_team-name").fill("Jury 2028")
    page.locator("#id_team-emails").fill(reviewer.email)
    page.get_by_role("button", name="Jury speichern").click()
    page.wait_for_url("**/setup/")
    assert axe_violations(page) == []
    shot(page, "staff-setup")
    assert new_call.criteria.get().name == "Wirkung im Quartier"
    assert new_call.review_phases.get(is_active=True) == phase
    assert list(new_call.reviewer_teams.get().members.all()) == [reviewer]

    page.goto("/sociallab/")
    assert "Nachbarschaft 2028" in page.locator("main").inner_text()

    # Founders apply; the jury reviews.
    submitted = []
    for n in range(2):
        founder = UserFactory(name=f"Gründerin {n}")
        application = applications.start_application(call=new_call, applicant=founder)
        applications.save_draft(
            application=application,
            actor=founder,
            title=f"Nachbarschaftsidee {n}",
            answers={
                "based_in_region": "yes",
                "social_purpose": "yes",
                "stage": "Idee",
                "problem": "Einsamkeit",
                "solution": "Treffen",
                "team": "Wir",
            },
        )
        applications.submit_application(application=application, actor=founder, consent=True)
        review.save_review(
            reviewer=reviewer,
            application=application,
            scores={new_call.criteria.get().pk: 4 - n},
            submit=True,
        )
        submitted.append(application)

    page.goto(f"/sociallab/staff/calls/{new_call.pk}/?order=disagreement")
    assert "Nachbarschaftsidee 1" in page.locator("main").inner_text()
    assert axe_violations(page) == []
    for application, decision in zip(submitted, ("accept", "reject"), strict=True):
        page.goto(f"/sociallab/staff/applications/{application.pk}/")
        page.check(f"input[name=decision][value={decision}]")
        page.locator("form[action$='/decide/'] button[type=submit]").click()
        page.wait_for_url("**/staff/applications/*/")
    assert not OutboxEmail.objects.filter(kind="sociallab.decision").exists()
    page.goto(f"/sociallab/staff/calls/{new_call.pk}/")
    page.locator("form[action$='/release/'] button[type=submit]").click()
    page.wait_for_url(f"**/staff/calls/{new_call.pk}/")
    assert "wurden am" in page.locator("#release-heading").locator("xpath=..").inner_text()
    assert axe_violations(page) == []
    shot(page, "staff-released")
    for application in submitted:
        mails = OutboxEmail.objects.filter(
            ref=f"sociallab.application:{application.pk}", kind="sociallab.decision"
        )
        assert mails.count() == 1


def test_an_invited_co_applicant_signs_up_with_the_address_filled_in_and_joins(
    page, browser, live_server, call
):
    from django.core import mail

    founder = UserFactory(name="Lea Hoffmann", email="lea@example.org")
    application = applications.start_application(call=call, applicant=founder)
    applications.save_draft(
        application=application, actor=founder, title="Mittagstisch Nordstadt", answers={}
    )
    login(page, founder.email, PASSWORD)
    page.wait_for_load_state()
    page.goto(application.get_absolute_url())
    page.get_by_label("E-Mail-Adresse Ihrer Mitbewerberin oder Ihres Mitbewerbers").fill(
        "Kim@Example.org"
    )
    page.get_by_role("button", name="Einladen").click()
    page.wait_for_url(f"**{application.get_absolute_url()}")
    invitation = application.co_applicants.get()
    assert invitation.email == "kim@example.org"

    guest_context = second_tab(browser, live_server)
    guest = guest_context.new_page()
    guest.goto(invitation.get_absolute_url())
    assert axe_violations(guest) == []
    guest.get_by_role("link", name="Konto anlegen").click()
    assert guest.get_by_label("E-Mail-Adresse").input_value() == "kim@example.org"
    guest.get_by_label("Vollständiger Name").fill("Kim Neumann")
    guest.get_by_label("Passwort*").fill("ein-sicheres-Passwort-42")
    guest.get_by_label("Passwort (Wiederholung)").fill("ein-sicheres-Passwort-42")
    guest.get_by_label("Datenschutzerklärung").check()
    guest.get_by_role("button", name="Registrieren").click()
    guest.wait_for_url("**/accounts/confirm-email/")
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+", mail.outbox[-1].body).group(0)
    guest.goto(link[link.index("/accounts/") :])
    guest.get_by_role("button", name="Bestätigen").click()
    guest.wait_for_url(f"**{invitation.get_absolute_url()}")
    assert axe_violations(guest) == []
    shot(guest, "co-applicant-join")
    guest.get_by_role("button", name="Als Mitbewerber*in beitreten").click()
    guest.wait_for_url(f"**{application.get_absolute_url()}")
    invitation.refresh_from_db()
    assert invitation.user.email == "kim@example.org"
    assert "Mittagstisch Nordstadt" in guest.get_by_role("heading", level=1).inner_text()
    guest_context.close()
