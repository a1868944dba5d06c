"""People with a login and their house roles."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    pass


from house.roles import Role


class UserQuerySet(models.QuerySet["User"]):
    def visible_to(self, user: User) -> UserQuerySet:
        """People a user may look up: house management sees everyone, anybody else only themself."""
        from house.permissions import can_manage_people

        if not user.is_authenticated:
            return self.none()
        if can_manage_people(user):
            return self
        return self.filter(pk=user.pk)

    def with_role(self, role: Role) -> UserQuerySet:
        return self.filter(groups__name=role.value, is_active=True)


class UserManager(BaseUserManager.from_queryset(UserQuerySet)):  # type: ignore[misc]
    use_in_migrations = True

    def _create(self, email: str, password: str | None, **extra: object) -> User:
        if not email:
            raise ValueError("Users need an e-mail address.")
        user = self.model(email=self.normalize_email(email), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra: object) -> User:
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra: object) -> User:
        extra.update(is_staff=True, is_superuser=True)
        return self._create(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person with a login: staff, tenants' colleagues, founders, volunteers."""

    email = models.EmailField(_("e-mail address"), unique=True)
    name = models.CharField(_("full name"), max_length=150)
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default="de",
        help_text=_("E-mails are sent in this language."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(
        _("admin access"),
        default=False,
        help_text=_("May sign in to the Django administration."),
    )
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)
    privacy_consent_at = models.DateTimeField(
        _("agreed to the privacy notice"), null=True, blank=True, editable=False
    )
    #: A staff role without a second factor is held only until then (house.enrolment).
    staff_enrolment_due = models.DateTimeField(
        _("second factor due by"), null=True, blank=True, editable=False
    )

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["name"]

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["name", "email"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_ci_unique"),
        ]

    def __str__(self) -> str:
        return self.name or self.email

    def get_full_name(self) -> str:
        return self.name

    def get_short_name(self) -> str:
        """The name as the person gave it: splitting names ("Dr. Helmut Fischer",
        "Ayşe Demir") guesses wrong too often to greet anybody with a part."""
        return self.name or self.email

    @property
    def role_names(self) -> frozenset[str]:
        """The house roles (:class:`Role` values) this user holds, read once per user object.

        ``house.auth`` loads the request's user with its role groups prefetched
        (``house_role_groups``); other user objects ask the database once.
        """
        cached = self.__dict__.get("role_names_loaded")
        if cached is None:
            prefetched = self.__dict__.get("house_role_groups")
            if prefetched is not None:
                cached = frozenset(group.name for group in prefetched)
            elif self.pk:
                cached = frozenset(
                    self.groups.filter(name__in=Role.values).values_list("name", flat=True)
                )
            else:
                cached = frozenset()
            self.__dict__["role_names_loaded"] = cached
        return cached

    def forget_roles(self) -> None:
        """Read the roles again on the next question (after they were changed)."""
        self.__dict__.pop("role_names_loaded", None)
        self.__dict__.pop("house_role_groups", None)
