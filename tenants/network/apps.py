from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "tenants.network"
    label = "network"
    verbose_name = _("Neighbourhood network")

    def ready(self) -> None:
        from house.services import register_outbox_headers
        from tenants.network.services.newsletter import NEWSLETTER_KIND, newsletter_headers

        register_outbox_headers(NEWSLETTER_KIND, newsletter_headers)
