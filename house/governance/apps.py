from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    name = "house.governance"
    label = "governance"
    verbose_name = _("Curatorium and committees")

    def ready(self) -> None:
        from . import activity, privacy, rules  # noqa: F401 - they register themselves
