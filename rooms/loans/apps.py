from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LoansConfig(AppConfig):
    name = "rooms.loans"
    label = "loans"
    verbose_name = _("Equipment on loan")

    def ready(self) -> None:
        from rooms.loans import activity, privacy, rules  # noqa: F401 - registration
