from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BillingConfig(AppConfig):
    name = "rooms.billing"
    label = "billing"
    verbose_name = _("Invoices of the conference centre")

    def ready(self) -> None:
        from rooms.billing import activity, privacy, rules  # noqa: F401 - registration
        from rooms.billing.cancellation_fees import on_booking_cancelled
        from rooms.signals import booking_cancelled

        booking_cancelled.connect(on_booking_cancelled, dispatch_uid="billing.cancellation_fee")
