"""The volunteer area's personal data: profile, consents, qualifications, shifts, hours."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from house.models import OutboxEmail
from house.privacy import ERASED, PersonalDataProvider, RetainedRecord, register
from house.volunteers.models import Interest, VolunteerProfile

if TYPE_CHECKING:
    from house.privacy import DataSubject


def _date(value: Any) -> str | None:
    return value.isoformat() if value else None


def _scrub_history(profile: VolunteerProfile) -> None:
    """Shift histories name the people on them: replace this person's name there, and drop
    the history of the profile itself."""
    from house.models import ActivityLog

    ActivityLog.objects.for_object(profile).delete()
    entries = ActivityLog.objects.filter(action_type__startswith="volunteers.shift.")
    for entry in entries.iterator():
        data = entry.data if isinstance(entry.data, dict) else {}
        changed = {k: ERASED for k in ("name", "previous") if data.get(k) == profile.name}
        if changed:
            entry.data = {**data, **changed}
            entry.save(update_fields=["data"])


@register
class VolunteersData(PersonalDataProvider):
    key = "volunteers"
    erase_order = 40
    retained = (
        RetainedRecord(
            what=_("Allowance payments (amount and date, without the name)"),
            reason=_(
                "Payments are accounting records the house must keep for ten years "
                "(§ 147 AO); after erasure they no longer name the person."
            ),
        ),
    )

    def export(self, subject: DataSubject) -> Any:
        profile = (
            VolunteerProfile.objects.filter(user=subject.user)
            .prefetch_related("consents", "qualifications__kind", "hours", "allowances")
            .first()
        )
        interests = [
            {
                "opportunity": i.opportunity.title,
                "name": i.name,
                "email": i.email,
                "phone": i.phone,
                "message": i.message,
                "sent": _date(i.created_at),
            }
            for i in Interest.objects.filter(self._interest_filter(subject)).select_related(
                "opportunity"
            )
        ]
        if profile is None:
            return {"interests": interests} if interests else None
        return {
            "profile": {
                "name": profile.name,
                "email": profile.email,
                "phone": profile.phone,
                "contact_channel": profile.contact_channel,
                "interests": profile.interests,
                "skills": profile.skills,
                "languages": profile.languages,
                "available_weekdays": profile.available_weekdays,
                "availability_note": profile.availability_note,
                "show_name_on_lists": profile.show_name_on_lists,
                "coordinator_notes": profile.coordinator_notes,
                "registered": _date(profile.created_at),
            },
            "consents": [
                {
                    "purpose": c.purpose,
                    "text_version": c.text_version,
                    "channel": c.channel,
                    "given": _date(c.given_at),
                    "withdrawn": _date(c.withdrawn_at),
                }
                for c in profile.consents.all()
            ],
            "qualifications": [
                {
                    "kind": q.kind.name,
                    "valid_from": _date(q.valid_from),
                    "valid_until": _date(q.valid_until),
                    "issued_on": _date(q.issued_on),
                    "has_relevant_entry": q.has_relevant_entry if q.issued_on else None,
                    "inspected_on": _date(q.inspected_on),
                }
                for q in profile.qualifications.all()
            ],
            "shifts": [
                {
                    "shift": a.shift.title,
                    "start": _date(a.shift.start),
                    "status": a.status,
                    "attendance": a.attendance,
                }
                for a in profile.assignments.select_related("shift")
            ],
            "hours": [
                {"day": _date(h.day), "minutes": h.minutes, "what": h.description}
                for h in profile.hours.all()
            ],
            "certificates": [
                {"code": c.code, "from": _date(c.period_start), "until": _date(c.period_end)}
                for c in profile.certificates.all()
            ],
            "allowances": [
                {"paid_on": _date(p.paid_on), "amount": str(p.amount), "note": p.note}
                for p in profile.allowances.all()
            ],
            "interests": interests,
        }

    def _interest_filter(self, subject: DataSubject) -> Q:
        if not subject.emails:
            return Q(pk__in=[])
        query = Q()
        for email in subject.emails:
            query |= Q(email__iexact=email)
        return query

    def erase(self, subject: DataSubject) -> None:
        interests = Interest.objects.filter(self._interest_filter(subject))
        # The coordination was told about each interest by e-mail: those copies go too.
        refs = [f"volunteers.interest:{pk}" for pk in interests.values_list("pk", flat=True)]
        OutboxEmail.objects.filter(ref__in=refs).update(
            subject=ERASED, body_text=ERASED, body_html=""
        )
        interests.delete()
        profile = VolunteerProfile.objects.filter(user=subject.user).first()
        if profile is None:
            return
        _scrub_history(profile)
        # Payments stay for the tax records, without the person's note.
        profile.allowances.update(note=ERASED)
        from house.volunteers.models import AllowancePayment

        AllowancePayment.objects.filter(profile=profile).update(recorded_by=None)
        kept = list(AllowancePayment.objects.filter(profile=profile).values_list("pk", flat=True))
        if kept:
            anonymous = VolunteerProfile.objects.create(
                name=ERASED, is_active=False, coordinator_notes=""
            )
            AllowancePayment.objects.filter(pk__in=kept).update(profile=anonymous)
        profile.delete()
