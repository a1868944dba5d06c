from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SociallabConfig(AppConfig):
    name = "sociallab"
    verbose_name = _("Social Lab")
