from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TenantsConfig(AppConfig):
    name = "tenants"
    verbose_name = _("Tenants")

    def ready(self) -> None:
        from house.caching import home_page_depends_on
        from tenants import freshness

        freshness.connect()
        # The home page lists the consultation hours open today.
        home_page_depends_on(freshness.DIRECTORY)
