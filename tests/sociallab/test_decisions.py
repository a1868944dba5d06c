"""Decisions: taken by staff, held, released together, exactly one message per application."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from house.models import OutboxEmail
from sociallab.models import Application, Venture
from sociallab.services import SocialLabError
from sociallab.services import applications as app_services
from sociallab.services import decisions as services
from tests.factories import UserFactory
from tests.sociallab.conftest import submitted_application

pytestmark = pytest.mark.django_db


def _decision_mails(application):
    return OutboxEmail.objects.filter(
        ref=f"sociallab.application:{application.pk}", kind="sociallab.decision"
    )


def test_a_held_decision_is_invisible_to_the_applicant_until_released(
    client, application, founder, sociallab_staff
):
    services.decide_application(
        actor=sociallab_staff,
        application=application,
        decision="reject",
        message="Leider knapp daneben.",
    )
    client.force_login(founder)
    page = client.get(application.get_absolute_url()).content.decode()
    assert "knapp daneben" not in page
    assert not _decision_mails(application).exists()
    application.refresh_from_db()
    assert application.status == Application.Status.SUBMITTED


def test_release_is_refused_while_an_application_has_no_decision(
    call, application, sociallab_staff
):
    with pytest.raises(SocialLabError):
        services.release_decisions(actor=sociallab_staff, call=call)


def test_release_sends_one_message_per_application_and_a_repeat_sends_none(
    call, founder, sociallab_staff
):
    first = submitted_application(call, founder)
    second = submitted_application(call, UserFactory(), title="Zweite Idee")
    services.decide_application(actor=sociallab_staff, application=first, decision="accept")
    services.decide_application(actor=sociallab_staff, application=second, decision="reject")
    assert services.release_decisions(actor=sociallab_staff, call=call) == 2
    assert services.release_decisions(actor=sociallab_staff, call=call) == 0
    assert _decision_mails(first).count() == 1
    assert _decision_mails(second).count() == 1
    first.refresh_from_db()
    assert first.status == Application.Status.ACCEPTED
    assert first.confirm_by == (timezone.now() + dt.timedelta(days=call.confirm_days)).date()


def test_a_later_decision_replaces_an_unsent_one_and_never_both_are_sent(
    call, application, sociallab_staff, django_capture_on_commit_callbacks
):
    services.decide_application(actor=sociallab_staff, application=application, decision="accept")
    with django_capture_on_commit_callbacks(execute=False):  # the worker has not sent it yet
        services.release_decisions(actor=sociallab_staff, call=call)
    assert _decision_mails(application).get().status == OutboxEmail.Status.QUEUED
    services.decide_application(actor=sociallab_staff, application=application, decision="reject")
    assert not _decision_mails(application).exists()
    services.release_decisions(actor=sociallab_staff, call=call)
    mails = list(_decision_mails(application))
    assert len(mails) == 1
    application.refresh_from_db()
    assert application.status == Application.Status.REJECTED


def test_a_sent_decision_can_no_longer_change(
    call, application, sociallab_staff, django_capture_on_commit_callbacks
):
    services.decide_application(actor=sociallab_staff, application=application, decision="accept")
    with django_capture_on_commit_callbacks(execute=True):
        services.release_decisions(actor=sociallab_staff, call=call)
    assert _decision_mails(application).get().status == OutboxEmail.Status.SENT
    with pytest.raises(SocialLabError):
        services.decide_application(
            actor=sociallab_staff, application=application, decision="reject"
        )


def test_the_accepted_founder_sees_action_required_confirms_and_a_venture_starts(
    client, call, application, founder, sociallab_staff
):
    services.decide_application(
        actor=sociallab_staff,
        application=application,
        decision="accept",
        message="Herzlich willkommen!",
    )
    services.release_decisions(actor=sociallab_staff, call=call)
    client.force_login(founder)
    listing = client.get(reverse("sociallab:my_applications")).content.decode()
    assert "Action required" in listing or "Handlung nötig" in listing
    page = client.get(application.get_absolute_url()).content.decode()
    assert "Herzlich willkommen!" in page
    response = client.post(
        reverse("sociallab:application_answer", args=[application.pk]), {"answer": "accept"}
    )
    venture = Venture.objects.get(application=application)
    assert response.url == venture.get_absolute_url()
    assert list(venture.founders.all()) == [founder]
    assert venture.phase == "idea"


def test_an_offer_past_its_deadline_cannot_be_confirmed(
    call, application, founder, sociallab_staff
):
    services.decide_application(actor=sociallab_staff, application=application, decision="accept")
    services.release_decisions(actor=sociallab_staff, call=call)
    Application.objects.filter(pk=application.pk).update(
        confirm_by=timezone.localdate() - dt.timedelta(days=1)
    )
    with pytest.raises(SocialLabError):
        services.answer_offer(application=application, actor=founder, accept=True)
    assert not Venture.objects.exists()


def test_the_founder_is_reminded_once_before_the_deadline(call, application, sociallab_staff):
    services.decide_application(actor=sociallab_staff, application=application, decision="accept")
    services.release_decisions(actor=sociallab_staff, call=call)
    application.refresh_from_db()
    too_early = application.confirm_by - dt.timedelta(days=services.REMIND_DAYS_BEFORE + 1)
    assert services.send_confirmation_reminders(today=too_early) == 0
    day = application.confirm_by - dt.timedelta(days=1)
    assert services.send_confirmation_reminders(today=day) == 1
    assert services.send_confirmation_reminders(today=day) == 0
    assert OutboxEmail.objects.filter(kind="sociallab.reminder").count() == 1


def test_rejected_applications_are_deleted_after_the_period_unless_kept(
    call, founder, sociallab_staff
):
    from sociallab.tasks import delete_expired_rejections_task

    gone = submitted_application(call, founder)
    kept = submitted_application(call, UserFactory(), title="Behalten")
    for application in (gone, kept):
        services.decide_application(
            actor=sociallab_staff, application=application, decision="reject"
        )
    services.release_decisions(actor=sociallab_staff, call=call)
    app_services.set_keep_after_rejection(application=kept, actor=kept.applicant, keep=True)
    assert app_services.delete_expired_rejections() == 0
    Application.objects.update(
        released_at=timezone.now() - dt.timedelta(days=call.retention_days + 1)
    )
    assert delete_expired_rejections_task.delay().get() == 1
    assert list(Application.objects.all()) == [kept]


def test_only_staff_decide_and_release(client, call, application, founder):
    client.force_login(founder)
    assert (
        client.post(
            reverse("sociallab:staff_decide", args=[application.pk]), {"decision": "accept"}
        ).status_code
        == 403
    )
    assert client.post(reverse("sociallab:call_release", args=[call.pk])).status_code == 403
    assert client.get(reverse("sociallab:call_manage", args=[call.pk])).status_code == 403


def test_staff_decide_and_release_through_the_pages(client, call, application, sociallab_staff):
    client.force_login(sociallab_staff)
    page = client.get(reverse("sociallab:call_manage", args=[call.pk]))
    assert page.status_code == 200
    client.post(
        reverse("sociallab:staff_decide", args=[application.pk]),
        {"decision": "reject", "message": "Danke"},
    )
    client.post(reverse("sociallab:call_release", args=[call.pk]))
    application.refresh_from_db()
    assert application.status == Application.Status.REJECTED
    assert _decision_mails(application).count() == 1


def test_the_history_says_the_decision_in_the_readers_language(
    client, call, application, founder, sociallab_staff
):
    from django.utils import translation

    from house.activity import describe
    from house.models import ActivityLog

    services.decide_application(actor=sociallab_staff, application=application, decision="accept")
    with translation.override("de"):  # the staff member works in German
        services.release_decisions(actor=sociallab_staff, call=call)
    entry = ActivityLog.objects.for_object(application).get(
        action_type="sociallab.application.released"
    )
    assert entry.data == {"decision": "accept"}
    with translation.override("en"):
        assert describe(entry) == "Decision sent: Accept"
    with translation.override("de"):
        assert describe(entry) == "Entscheidung versandt: Annehmen"
    client.force_login(founder)
    page = client.get(application.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "Entscheidung versandt: Annehmen" in page
    assert "Übernehmen" not in page


def test_older_history_entries_in_words_are_turned_into_codes(application, sociallab_staff):
    import importlib

    from django.apps import apps

    from house.activity import describe
    from house.models import ActivityLog

    migration = importlib.import_module("sociallab.migrations.0002_history_keeps_codes")
    kept = {"decision": "Übernehmen"}
    entry = ActivityLog.objects.create(
        content_object=application, action_type="sociallab.application.released", data=kept
    )
    phase = ActivityLog.objects.create(
        content_object=application,
        action_type="sociallab.venture.phase_reviewed",
        data={"phase": "Idee", "outcome": "Moves on to the next phase"},
    )
    other = ActivityLog.objects.create(
        content_object=application,
        action_type="sociallab.venture.milestone_reached",
        data={"title": "Idee"},
    )
    migration.words_to_codes(apps, None)
    entry.refresh_from_db()
    phase.refresh_from_db()
    other.refresh_from_db()
    assert entry.data == {"decision": "accept"}
    assert phase.data == {"phase": "idea", "outcome": "next"}
    assert other.data == {"title": "Idee"}
    assert describe(entry) == "Entscheidung versandt: Annehmen"
