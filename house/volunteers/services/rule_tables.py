"""The rule tables of the volunteer area, kept by house management: what counts as a
regular volunteer (tenure), the yearly allowance limit and the volunteer cards' hours.

Every change is written to the activity log with the old and the new values, so that
a later reader sees who changed a rule, when, and from what.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction

from house.activity import log_activity
from house.volunteers.models import AllowanceLimit, TenureRule, VolunteerCardRule

if TYPE_CHECKING:
    from house.models import User

RuleTable = TenureRule | AllowanceLimit | VolunteerCardRule


def _shown(value: Any) -> str:
    return "" if value is None else str(value)


def save_rule(
    *, rule: RuleTable, actor: User, before: dict[str, Any], changed: list[str]
) -> RuleTable:
    """Save a new or changed rule and log each changed field as (old, new).

    ``before`` holds the rule's values as they were (empty for a new rule); only the
    fields in ``changed`` are logged.
    """
    created = rule.pk is None
    with transaction.atomic():
        rule.save()
        if not created and not changed:
            return rule  # saved as it was: nothing to log
        log_activity(
            obj=rule,
            action_type="volunteers.rule.created" if created else "volunteers.rule.changed",
            actor=actor,
            data={
                "rule": str(rule),
                "changes": {
                    field: [_shown(before.get(field)), _shown(getattr(rule, field))]
                    for field in changed
                },
            },
        )
    return rule


def delete_rule(*, rule: RuleTable, actor: User) -> None:
    """Delete a rule (house management may delete only rules not yet in force), keeping
    its values in the log."""
    fields = [f.name for f in rule._meta.concrete_fields if not f.primary_key]
    with transaction.atomic():
        log_activity(
            obj=rule,
            action_type="volunteers.rule.deleted",
            actor=actor,
            data={
                "rule": str(rule),
                "changes": {field: [_shown(getattr(rule, field)), ""] for field in fields},
            },
        )
        rule.delete()
