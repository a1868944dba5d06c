from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


def _sync_roles(sender: AppConfig, **kwargs: object) -> None:
    # Permissions are created by post_migrate handlers of every app; the role
    # groups are brought up to date once, after the last app has had its turn.
    from house.services import sync_role_groups

    # post_migrate is sent only to apps with a models module.
    last_app = [a for a in apps.get_app_configs() if a.models_module is not None][-1]
    if sender.label == last_app.label and kwargs.get("using", "default") == "default":
        sync_role_groups()


class HouseConfig(AppConfig):
    name = "house"
    verbose_name = _("House")

    def ready(self) -> None:
        post_migrate.connect(_sync_roles, dispatch_uid="house.sync_roles")
        from django.contrib.auth.signals import user_logged_in

        from house.middleware import start_idle_clock

        # The idle clock of staff sessions starts with the login itself, which
        # saves the session anyway: no extra write on the first page.
        user_logged_in.connect(start_idle_clock, dispatch_uid="house.start_idle_clock")
        from allauth.mfa.signals import authenticator_added

        from house.enrolment import on_authenticator_added

        authenticator_added.connect(on_authenticator_added, dispatch_uid="house.enrolled")
        # Each app declares its personal data (privacy.py) and the action types of
        # its history (activity.py); importing them registers both.
        autodiscover_modules("privacy", "activity")
        from django.db.models.signals import post_delete, post_save

        from house.caching import closures_changed
        from house.models import ClosureDay

        # The home page and the directory show closure days (house.caching).
        for signal in (post_save, post_delete):
            signal.connect(closures_changed, sender=ClosureDay, dispatch_uid="house.closures")
