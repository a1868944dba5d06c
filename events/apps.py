from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events")

    def ready(self) -> None:
        from events.services.common import LISTINGS_VERSION
        from house.caching import home_page_depends_on

        # The home page shows the next events of the programme.
        home_page_depends_on(LISTINGS_VERSION)
