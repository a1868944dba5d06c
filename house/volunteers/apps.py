from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VolunteersConfig(AppConfig):
    name = "house.volunteers"
    label = "volunteers"
    verbose_name = _("Volunteers")

    def ready(self) -> None:
        from house.tenure import register_tenure_provider
        from house.volunteers import activity, privacy, rules  # noqa: F401 - registration
        from house.volunteers.services.hours import tenure_for_user

        register_tenure_provider(tenure_for_user)
