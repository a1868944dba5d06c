"""Review: weighted criteria, phases and their visibility, anonymity, conflicts, the ranking."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from sociallab import queries
from sociallab.models import Assignment, Bid, Criterion, ReviewPhase
from sociallab.services import SocialLabError
from sociallab.services import applications as app_services
from sociallab.services import review as services
from tests.factories import UserFactory
from tests.sociallab.conftest import ANSWERS, submitted_application

pytestmark = pytest.mark.django_db


def _scores(call, impact, feasibility, gut=None):
    by_name = {c.name: c.pk for c in Criterion.objects.filter(call=call)}
    scores = {by_name["Wirkung"]: impact, by_name["Machbarkeit"]: feasibility}
    if gut is not None:
        scores[by_name["Bauchgefühl"]] = gut
    return scores


def test_the_total_weighs_criteria_and_leaves_out_those_kept_out(call, application, jury, phase):
    review = services.save_review(
        reviewer=jury[0], application=application, scores=_scores(call, 5, 2, gut=0), submit=True
    )
    # (2*5 + 1*2) / 3 on a scale of 10 per point of 5
    assert review.total == Decimal("8.00")


def test_a_review_without_a_required_score_cannot_be_submitted(call, application, jury, phase):
    by_name = {c.name: c.pk for c in Criterion.objects.filter(call=call)}
    with pytest.raises(SocialLabError):
        services.save_review(
            reviewer=jury[0], application=application, scores={by_name["Wirkung"]: 4}, submit=True
        )
    draft = services.save_review(
        reviewer=jury[0], application=application, scores={by_name["Wirkung"]: 4}
    )
    assert draft.submitted_at is None


def test_the_ranking_gives_mean_median_and_spread_and_sorts_by_disagreement(
    call, founder, jury, phase
):
    calm = submitted_application(call, founder, title="Einig")
    other = UserFactory()
    torn = submitted_application(call, other, title="Umstritten")
    for reviewer, (a, b) in zip(jury, [(4, 4), (4, 4), (4, 4)], strict=True):
        services.save_review(
            reviewer=reviewer, application=calm, scores=_scores(call, a, b), submit=True
        )
    for reviewer, (a, b) in zip(jury, [(5, 5), (1, 1), (5, 5)], strict=True):
        services.save_review(
            reviewer=reviewer, application=torn, scores=_scores(call, a, b), submit=True
        )
    rows = queries.ranking(call, order="disagreement")
    assert [r.application for r in rows] == [torn, calm]
    assert rows[0].median == Decimal("10.00")
    assert rows[0].mean == Decimal("7.33")
    assert rows[0].spread > 0
    assert rows[1].spread == 0


def test_a_declared_conflict_removes_the_reviewer_from_assignment_and_aggregates(
    call, application, jury, phase
):
    services.save_review(
        reviewer=jury[0], application=application, scores=_scores(call, 1, 1), submit=True
    )
    services.save_review(
        reviewer=jury[1], application=application, scores=_scores(call, 5, 5), submit=True
    )
    Assignment.objects.create(application=application, reviewer=jury[0])
    services.declare_conflict(
        actor=jury[0], application=application, reviewer=jury[0], reason="Nachbarin"
    )
    assert not Assignment.objects.filter(reviewer=jury[0]).exists()
    row = queries.ranking(call)[0]
    assert row.reviews == 1
    assert row.mean == Decimal("10.00")
    assert not queries.reviewable(jury[0], call, phase).exists()
    with pytest.raises(SocialLabError):
        services.assign_reviewer(actor=jury[1], application=application, reviewer=jury[0])


def test_assigned_scope_shows_reviewers_only_their_applications(call, founder, jury, phase):
    phase.scope = ReviewPhase.Scope.ASSIGNED
    phase.save()
    mine = submitted_application(call, founder)
    submitted_application(call, UserFactory(), title="Fremd")
    services.assign_reviewer(actor=jury[1], application=mine, reviewer=jury[0])
    assert list(queries.reviewable(jury[0], call, phase)) == [mine]


def test_bids_become_assignments_without_conflicts_or_reluctance(call, founder, jury, phase):
    phase.can_bid = True
    phase.scope = ReviewPhase.Scope.ASSIGNED
    phase.save()
    application = submitted_application(call, founder)
    services.place_bid(reviewer=jury[0], application=application, preference=Bid.Preference.EAGER)
    services.place_bid(
        reviewer=jury[1], application=application, preference=Bid.Preference.RATHER_NOT
    )
    services.place_bid(reviewer=jury[2], application=application, preference=Bid.Preference.WILLING)
    services.declare_conflict(actor=jury[2], application=application, reviewer=jury[2])
    assert services.assign_from_bids(actor=jury[0], call=call) == 1
    assert list(Assignment.objects.values_list("reviewer", flat=True)) == [jury[0].pk]


def test_reviewers_see_aggregates_and_other_reviews_only_after_their_own(
    client, call, application, jury, phase
):
    services.save_review(
        reviewer=jury[1],
        application=application,
        scores=_scores(call, 3, 3),
        comment_for_staff="Geheimer Kommentar der Kollegin",
        submit=True,
    )
    client.force_login(jury[0])
    url = reverse("sociallab:review_form", args=[call.pk, application.pk])
    before = client.get(url).content.decode()
    assert "Geheimer Kommentar" not in before
    assert "Median" not in before
    services.save_review(
        reviewer=jury[0], application=application, scores=_scores(call, 4, 4), submit=True
    )
    after = client.get(url).content.decode()
    assert "Geheimer Kommentar" in after
    assert "Median" in after


def test_a_phase_that_never_shows_other_reviews_keeps_them_hidden(
    client, call, application, jury, phase
):
    phase.other_reviews = ReviewPhase.OtherReviews.NEVER
    phase.save()
    services.save_review(
        reviewer=jury[1],
        application=application,
        scores=_scores(call, 3, 3),
        comment_for_staff="Geheimer Kommentar",
        submit=True,
    )
    services.save_review(
        reviewer=jury[0], application=application, scores=_scores(call, 4, 4), submit=True
    )
    client.force_login(jury[0])
    page = client.get(
        reverse("sociallab:review_form", args=[call.pk, application.pk])
    ).content.decode()
    assert "Geheimer Kommentar" not in page
    assert "Median" not in page


def test_anonymous_review_leaks_no_name_or_email_of_the_applicants_on_any_reviewer_page(
    client, call, jury, phase
):
    applicant = UserFactory(name="Hannelore Quastenberg", email="hannelore.q@example.org")
    co = UserFactory(name="Bertram Zwiebelfisch", email="bertram@example.net")
    application = app_services.start_application(call=call, applicant=applicant)
    invitation = app_services.invite_co_applicant(
        application=application, actor=applicant, email=co.email
    )
    app_services.join_as_co_applicant(token=invitation.token, user=co)
    app_services.save_draft(
        application=application,
        actor=applicant,
        title="Quastenbergs Mittagstisch",
        answers={
            **ANSWERS,
            "team": "Ich, Hannelore Quastenberg, und Bertram Zwiebelfisch (bertram@example.net). "
            "Schreiben Sie an hannelore.q@example.org oder info@mittagstisch.example.",
        },
    )
    app_services.submit_application(application=application, actor=applicant, consent=True)
    services.redact_application(
        actor=jury[0],
        application=application,
        title="Ein Mittagstisch im Quartier",
        answers={"problem": "Einsamkeit im Alter (redigiert)"},
    )
    client.force_login(jury[0])
    services.save_review(
        reviewer=jury[1], application=application, scores=_scores(call, 3, 3), submit=True
    )
    pages = [
        client.get(reverse("sociallab:review_home")),
        client.get(reverse("sociallab:review_list", args=[call.pk])),
        client.get(reverse("sociallab:review_form", args=[call.pk, application.pk])),
    ]
    services.save_review(
        reviewer=jury[0], application=application, scores=_scores(call, 4, 4), submit=True
    )
    pages.append(client.get(reverse("sociallab:review_form", args=[call.pk, application.pk])))
    for response in pages:
        assert response.status_code == 200
        text = response.content.decode().lower()
        for secret in (
            "hannelore",
            "quastenberg",
            "bertram",
            "zwiebelfisch",
            "example.org",
            "example.net",
            "@mittagstisch",
        ):
            assert secret not in text, secret
    assert "Ein Mittagstisch im Quartier" in pages[2].content.decode()
    assert "Einsamkeit im Alter (redigiert)" in pages[2].content.decode()


def test_a_team_that_may_see_names_sees_them_when_the_phase_shows_names(
    client, call, application, jury, phase
):
    phase.show_names = True
    phase.save()
    team = call.reviewer_teams.get()
    team.may_see_names = True
    team.save()
    client.force_login(jury[0])
    page = client.get(
        reverse("sociallab:review_form", args=[call.pk, application.pk])
    ).content.decode()
    assert "Lea Hoffmann" in page


def test_outsiders_and_conflicted_reviewers_cannot_open_review_pages(
    client, call, application, jury, phase
):
    client.force_login(UserFactory())
    assert client.get(reverse("sociallab:review_list", args=[call.pk])).status_code in (403, 404)
    assert client.get(
        reverse("sociallab:review_form", args=[call.pk, application.pk])
    ).status_code in (403, 404)
    services.declare_conflict(actor=jury[0], application=application, reviewer=jury[0])
    client.force_login(jury[0])
    assert (
        client.get(reverse("sociallab:review_form", args=[call.pk, application.pk])).status_code
        == 404
    )


def test_staff_set_up_criteria_phases_and_a_jury_on_the_setup_page(client, call, sociallab_staff):
    juror = UserFactory(email="juror@example.org")
    client.force_login(sociallab_staff)
    url = reverse("sociallab:call_setup", args=[call.pk])
    assert client.get(url).status_code == 200
    client.post(
        url,
        {
            "action": "criterion",
            "criterion-name": "Innovation",
            "criterion-weight": "1.5",
            "criterion-max_score": "10",
            "criterion-required": "on",
        },
    )
    client.post(
        url,
        {
            "action": "phase",
            "phase-name": "Runde 2",
            "phase-other_reviews": "never",
            "phase-scope": "assigned",
            "phase-can_review": "on",
        },
    )
    response = client.post(
        url,
        {
            "action": "team",
            "team-name": "Beirat",
            "team-emails": "juror@example.org\nniemand@example.org",
        },
    )
    assert "niemand@example.org" in response.content.decode()
    client.post(url, {"action": "team", "team-name": "Beirat", "team-emails": "juror@example.org"})
    phase = call.review_phases.get(name="Runde 2")
    client.post(url, {"action": "activate", "phase": phase.pk})
    assert call.criteria.filter(name="Innovation", weight=Decimal("1.5"), max_score=10).exists()
    assert queries.active_phase(call) == phase
    assert list(call.reviewer_teams.get(name="Beirat").members.all()) == [juror]
    client.force_login(juror)
    assert client.get(url).status_code == 403
