from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _sync_roles(sender: AppConfig, **kwargs: object) -> None:
    # Permissions exist only after migrate has created them, so the role groups
    # are brought up to date at the end of every migrate run.
    from house.services import sync_role_groups

    if kwargs.get("using", "default") == "default":
        sync_role_groups()


class HouseConfig(AppConfig):
    name = "house"
    verbose_name = _("House")

    def ready(self) -> None:
        post_migrate.connect(_sync_roles, sender=self, dispatch_uid="house.sync_roles")
