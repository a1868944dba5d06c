from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BillingConfig(AppConfig):
    name = "rooms.billing"
    label = "billing"
    verbose_name = _("Invoices of the conference centre")

    def ready(self) -> None:
        from rooms.billing import activity, privacy, rules  # noqa: F401 - registration
