"""House management's settings of the business: reminders, collective invoices, accounts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction

from house.activity import log_activity
from rooms.billing.operations.models import AccountingSettings, RevenueAccount

if TYPE_CHECKING:
    from house.models import User
    from rooms.models import FeeRule


def update_accounting_settings(*, actor: User | None, **values: object) -> AccountingSettings:
    with transaction.atomic():
        config = AccountingSettings.current()
        for name, value in values.items():
            setattr(config, name, value)
        config.full_clean()
        config.save()
        log_activity(obj=config, action_type="billing.accounting.changed", actor=actor)
    return config


def set_revenue_account(
    *, fee_rule: FeeRule, account: str, tax_key: str, actor: User | None
) -> RevenueAccount | None:
    """The revenue account and tax key of ``fee_rule``; an empty account uses the default."""
    with transaction.atomic():
        if not account.strip():
            RevenueAccount.objects.filter(fee_rule=fee_rule).delete()
            mapping = None
        else:
            mapping, _created = RevenueAccount.objects.update_or_create(
                fee_rule=fee_rule,
                defaults={"account": account.strip(), "tax_key": tax_key.strip()},
            )
        log_activity(
            obj=AccountingSettings.current(),
            action_type="billing.accounting.revenue_account",
            actor=actor,
            data={
                "rule": fee_rule.name,
                "account": account.strip() or "–",
                "tax_key": tax_key.strip() or "–",
            },
        )
    return mapping
