from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _sync_roles(sender: AppConfig, **kwargs: object) -> None:
    # Permissions are created by post_migrate handlers of every app; the role
    # groups are brought up to date once, after the last app has had its turn.
    from house.services import sync_role_groups

    last_app = list(apps.get_app_configs())[-1]
    if sender.label == last_app.label and kwargs.get("using", "default") == "default":
        sync_role_groups()


class HouseConfig(AppConfig):
    name = "house"
    verbose_name = _("House")

    def ready(self) -> None:
        post_migrate.connect(_sync_roles, dispatch_uid="house.sync_roles")
