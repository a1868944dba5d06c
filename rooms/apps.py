from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RoomsConfig(AppConfig):
    name = "rooms"
    verbose_name = _("Rooms")

    def ready(self) -> None:
        from rooms import freshness

        # Changes to rooms and prices replace the kept room pages at once.
        freshness.connect()
