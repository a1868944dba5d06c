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
    mail = OutboxEmail.objects.get(to=["kim@example.org"])
    assert invitation.get_absolute_url() in mail.body_text
    kim = UserFactory(email="KIM@example.org")  # confirmed, spelt in other cases
    client.force_login(kim)
    response = client.post(reverse("sociallab:join", args=[invitation.token]))
    assert response.status_code == 302
    assert Application.objects.of_person(kim).get() == application
    assert client.get(application.get_absolute_url()).status_code == 200


def _invitation(call, founder, email="kim@example.org"):
    application = services.start_application(call=call, applicant=founder)
    return services.invite_co_applicant(application=application, actor=founder, email=email)


def test_someone_else_with_the_link_cannot_join(client, call, founder):
    invitation = _invitation(call, founder)
    stranger = UserFactory(email="fremd@example.org")
    client.force_login(stranger)
    response = client.post(reverse("sociallab:join", args=[invitation.token]), follow=True)
    page = response.content.decode()
    assert "Diese Einladung wurde an kim@example.org geschickt" in page
    invitation.refresh_from_db()
    assert invitation.accepted_at is None
    assert invitation.user is None
    assert not Application.objects.of_person(stranger).exists()


def test_an_unconfirmed_invited_address_does_not_join(client, call, founder):
    from allauth.account.models import EmailAddress

    invitation = _invitation(call, founder)
    kim = UserFactory(email="kim@example.org")
    EmailAddress.objects.filter(user=kim).update(verified=False)
    with pytest.raises(SocialLabError, match=r"kim@example\.org"):
        services.join_as_co_applicant(token=invitation.token, user=kim)
    assert not Application.objects.of_person(kim).exists()


def test_an_invitation_is_used_once(client, call, founder):
    invitation = _invitation(call, founder)
    kim = UserFactory(email="kim@example.org")
    services.join_as_co_applicant(token=invitation.token, user=kim)
    services.join_as_co_applicant(token=invitation.token, user=kim)  # a second click is harmless
    assert invitation.application.co_applicants.get().user == kim
    other = UserFactory()
    with pytest.raises(SocialLabError):
        services.join_as_co_applicant(token=invitation.token, user=other)
    with pytest.raises(SocialLabError, match="bereits"):
        services.invite_co_applicant(
            application=invitation.application, actor=founder, email="kim@example.org"
        )


def test_an_expired_invitation_does_not_join_and_a_new_one_replaces_its_link(client, call, founder):
    import datetime as dt

    from django.utils import timezone

    invitation = _invitation(call, founder)
    old_token = invitation.token
    type(invitation).objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - dt.timedelta(minutes=1)
    )
    kim = UserFactory(email="kim@example.org")
    client.force_login(kim)
    page = client.get(reverse("sociallab:join", args=[old_token])).content.decode()
    assert "nicht mehr gültig" in page
    with pytest.raises(SocialLabError, match="abgelaufen"):
        services.join_as_co_applicant(token=old_token, user=kim)
    renewed = services.invite_co_applicant(
        application=invitation.application, actor=founder, email="kim@example.org"
    )
    assert renewed.pk == invitation.pk
    assert renewed.token != old_token
    assert OutboxEmail.objects.filter(to=["kim@example.org"]).count() == 2
    with pytest.raises(SocialLabError):
        services.join_as_co_applicant(token=old_token, user=kim)
    assert services.join_as_co_applicant(token=renewed.token, user=kim) == renewed.application


def test_a_visitor_is_led_to_sign_up_with_the_invited_address_and_back(client, call, founder):
    import html
    import re
    from urllib.parse import parse_qs, urlsplit

    invitation = _invitation(call, founder)
    join_url = reverse("sociallab:join", args=[invitation.token])
    response = client.get(join_url)
    assert response.status_code == 200
    links = re.findall(
        r'href="([^"]*/accounts/(?:login|signup)/\?next=[^"]*)"', response.content.decode()
    )
    login_url, signup = (html.unescape(link) for link in links)
    query = parse_qs(urlsplit(signup).query)
    assert query == {"next": [join_url], "email": ["kim@example.org"]}
    assert parse_qs(urlsplit(login_url).query) == {"next": [join_url]}
    form = client.get(signup).context["form"]
    assert form["email"].value() == "kim@example.org"
    assert client.post(join_url).status_code == 200  # nothing joined without an account
    assert invitation.application.co_applicants.get().accepted_at is None


def test_my_applications_lead_to_a_waiting_invitation(client, call, founder):
    invitation = _invitation(call, founder)
    kim = UserFactory(email="Kim@example.org")
    client.force_login(kim)
    page = client.get(reverse("sociallab:my_applications")).content.decode()
    assert invitation.get_absolute_url() in page
    services.join_as_co_applicant(token=invitation.token, user=kim)
    page = client.get(reverse("sociallab:my_applications")).content.decode()
    assert invitation.get_absolute_url() not in page


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
    # the signed-in user's house roles are read in a query of their own, and the
    # invitations waiting for the person's confirmed addresses in one more
    with django_assert_num_queries(4):
        response = client.get(url)
    assert response.content.decode().count("Mittagstisch Nordstadt") == count
