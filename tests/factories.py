"""factory_boy factories for the house-wide models; apps keep theirs in tests/<app>/factories.py."""

from __future__ import annotations

import factory
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.utils import timezone

from house.models import ClosureDay, Role, User
from house.services import assign_role

PASSWORD = "a-Long-test-passw0rd"
#: The TOTP secret of staff made by :func:`staff_user` (base32, as authenticator apps use it).
TOTP_SECRET = "JBSWY3DPEHPK3PXP"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    name = factory.Faker("name", locale="de_DE")
    privacy_consent_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def password(self, create, extracted, **kwargs):
        self.set_password(extracted or PASSWORD)
        if create:
            self.save(update_fields=["password"])
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        for role in extracted or ():
            assign_role(user=self, role=role)


def staff_user(role: Role = Role.HOUSE_MANAGEMENT, *, with_mfa: bool = True, **kwargs) -> User:
    """A staff member; with ``with_mfa`` their TOTP is already active, as after the first login."""
    user = UserFactory(roles=[role], **kwargs)
    if with_mfa:
        Authenticator.objects.create(
            user=user, type=Authenticator.Type.TOTP, data={"secret": TOTP_SECRET}
        )
    return user


class ClosureDayFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ClosureDay

    date = factory.Sequence(lambda n: timezone.localdate() + timezone.timedelta(days=n + 1))
    reason = "Wartung"
    kind = ClosureDay.Kind.MAINTENANCE
