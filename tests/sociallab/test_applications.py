"""Founders apply: drafts save as they type, submitting freezes the answers, consent is kept."""

from __future__ import annotations

import pytest
from django.urls import reverse

from house.models import OutboxEmail
from sociallab.models import Application, Comment
from sociallab.services import SocialLabError
from sociallab.services import applications as services
from sociallab.services.calls import STANDARD_QUESTIONS, publish_form_version
from tests.factories import UserFactory
from tests.sociallab.conftest import ANSWERS

pytestmark = pytest.mark.django_db


def test_a_draft_keeps_valid_answers_and_names_the_invalid_ones(call, founder):
    application = services.start_application(call=call, applicant=founder)
    saved, errors = services.save_draft(
        application=application,
        actor=founder,
        title="Mittagstisch",
        answers={"problem": "Einsamkeit", "stage": "gibt es nicht"},
    )
    assert saved.answers["problem"] == "Einsamkeit"
    assert "stage" not in saved.answers
    assert set(errors) == {"stage"}


def test_submitting_freezes_the_answers_with_the_form_version(call, founder):
    application = services.start_application(call=call, applicant=founder)
    services.save_draft(application=application, actor=founder, title="Idee", answers=ANSWERS)
    services.submit_application(application=application, actor=founder, consent=True)
    application.refresh_from_db()
    assert application.status == Application.Status.SUBMITTED
    assert application.consent_at is not None
    assert application.form.version == 1
    with pytest.raises(SocialLabError):
        services.save_draft(application=application, actor=founder, title="Neu", answers={})
    publish_form_version(
        call=call,
        questions=[*STANDARD_QUESTIONS, {"key": "extra", "label": "Mehr", "kind": "text"}],
    )
    application.refresh_from_db()
    assert application.form.version == 1


def test_submitting_without_consent_or_with_missing_answers_changes_nothing(call, founder):
    application = services.start_application(call=call, applicant=founder)
    services.save_draft(
        application=application, actor=founder, title="Idee", answers={"problem": "x"}
    )
    with pytest.raises(SocialLabError):
        services.submit_application(application=application, actor=founder, consent=True)
    with pytest.raises(SocialLabError):
        services.submit_application(application=application, actor=founder, consent=False)
    application.refresh_from_db()
    assert application.is_draft
    assert application.consent_at is None


def test_an_eligibility_answer_that_rules_the_idea_out_refuses_submission(call, founder):
    application = services.start_application(call=call, applicant=founder)
    services.save_draft(
        application=application,
        actor=founder,
        title="Idee",
        answers={**ANSWERS, "based_in_region": "no"},
    )
    with pytest.raises(SocialLabError, match=r"self-assessment|Selbsteinschätzung"):
        services.submit_application(application=application, actor=founder, consent=True)


def test_a_draft_moves_to_the_newest_form_version_when_saved(call, founder):
    application = services.start_application(call=call, applicant=founder)
    publish_form_version(call=call, questions=STANDARD_QUESTIONS[:4])
    saved, _errors = services.save_draft(
        application=application, actor=founder, title="x", answers={}
    )
    assert saved.form.version == 2


def test_htmx_autosave_answers_with_the_status_line_only(client, call, founder):
    application = services.start_application(call=call, applicant=founder)
    client.force_login(founder)
    url = reverse("sociallab:application_edit", args=[application.pk])
    response = client.post(
        url, {"title": "Mittagstisch", "q_problem": "Einsamkeit"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert b"<html" not in response.content
    application.refresh_from_db()
    assert application.answers["problem"] == "Einsamkeit"


def test_the_plain_save_button_saves_without_javascript(client, call, founder):
    application = services.start_application(call=call, applicant=founder)
    client.force_login(founder)
    url = reverse("sociallab:application_edit", args=[application.pk])
    response = client.post(
        url, {"title": "Mittagstisch", "q_team": "Wir drei", "q_based_in_region": "yes"}
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.answers["team"] == "Wir drei"
    assert application.answers["based_in_region"] is True


def test_the_founder_sees_the_form_and_the_status_page(client, call, founder):
    client.force_login(founder)
    response = client.post(reverse("sociallab:apply", args=[call.slug]))
    application = Application.objects.get(applicant=founder)
    assert response.url == reverse("sociallab:application_edit", args=[application.pk])
    page = client.get(response.url)
    assert "Wie sieht Ihre Lösung aus?" in page.content.decode()
    detail = client.get(application.get_absolute_url())
    assert detail.status_code == 200
    assert 'aria-current="step"' in detail.content.decode()


def test_a_co_applicant_is_invited_by_email_and_joins(client, call, founder):
    application = services.start_application(call=call, applicant=founder)
    invitation = services.invite_co_applicant(
        application=application, actor=founder, email="Kim@Example.org"
    )
    assert OutboxEmail.objects.filter(to=["kim@example.org"]).exists()
    kim = UserFactory(email="kim@example.org")
    client.force_login(kim)
    response = client.post(reverse("sociallab:join", args=[invitation.token]))
    assert response.status_code == 302
    assert Application.objects.of_person(kim).get() == application
    assert client.get(application.get_absolute_url()).status_code == 200


def test_the_feedback_thread_keeps_staff_notes_away_from_the_applicant(
    client, application, founder, sociallab_staff
):
    services.post_comment(
        application=application,
        author=founder,
        body="Ist das so verständlich?",
        audience="applicant",
    )
    services.post_comment(
        application=application,
        author=sociallab_staff,
        body="Klingt gut, ergänzen Sie das Team.",
        audience="applicant",
    )
    services.post_comment(
        application=application,
        author=sociallab_staff,
        body="Intern: wackeliges Budget",
        audience="staff",
    )
    services.post_comment(application=application, author=founder, body="Trick", audience="staff")
    assert Comment.objects.filter(audience="staff").count() == 1
    client.force_login(founder)
    page = client.get(application.get_absolute_url()).content.decode()
    assert "ergänzen Sie das Team" in page
    assert "wackeliges Budget" not in page


def test_outsiders_get_404_for_someone_elses_application(client, application):
    client.force_login(UserFactory())
    for name in ("application", "application_edit"):
        assert client.get(reverse(f"sociallab:{name}", args=[application.pk])).status_code == 404
    assert (
        client.post(
            reverse("sociallab:application_comment", args=[application.pk]), {"body": "x"}
        ).status_code
        == 404
    )


@pytest.mark.parametrize("count", [1, 3])
def test_my_applications_page_costs_the_same_for_one_or_three(
    client, call, founder, count, django_assert_num_queries
):
    import datetime as dt

    from django.utils import timezone

    from sociallab.services.calls import create_call
    from tests.sociallab.conftest import submitted_application

    submitted_application(call, founder)
    for n in range(count - 1):
        other = create_call(
            title=f"Weitere Runde {n}",
            summary="…",
            opens_at=timezone.now() - dt.timedelta(days=1),
            closes_at=timezone.now() + dt.timedelta(days=9),
            decisions_by=timezone.localdate() + dt.timedelta(days=30),
            is_published=True,
        )
        submitted_application(other, founder)
    client.force_login(founder)
    url = reverse("sociallab:my_applications")
    client.get(url)
    # the signed-in user's house roles are read in a query of their own
    with django_assert_num_queries(3):
        response = client.get(url)
    assert response.content.decode().count("Mittagstisch Nordstadt") == count
