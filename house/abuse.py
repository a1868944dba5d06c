"""The anti-abuse layer in front of every form that people send without an account.

Two things guard each such form, the same way everywhere:

- a rate limit per visitor (django-ratelimit): ``limit_anonymous_posts`` counts
  the POSTs of one client address per form and answers 429 with a German page
  once the visitor sent too many. The address is the one the trusted proxies
  report (``TRUSTED_PROXY_COUNT``, see ``client_address``), so every visitor
  behind the house's Caddy counts alone, and a forged X-Forwarded-For cannot
  choose a fresh address for each request.
- a honeypot (``HoneypotMixin``): a field people never see and bots fill in;
  the view pretends success and stores nothing.

The counters live in the default cache, Redis in production. When Redis is
down the limit is skipped (``RATELIMIT_FAIL_OPEN``): a visitor's registration
matters more than a counter.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django_ratelimit.decorators import ratelimit

if TYPE_CHECKING:
    from collections.abc import Callable

    from django.http import HttpRequest, HttpResponse


def client_address(group: str, request: HttpRequest) -> str:
    """The visitor's address as the trusted proxies report it (allauth's reading of
    X-Forwarded-For with ``ALLAUTH_TRUSTED_PROXY_COUNT``; REMOTE_ADDR without a proxy).

    Requests whose address cannot be determined share one counter.
    """
    from allauth.account.adapter import get_adapter
    from django.core.exceptions import ImproperlyConfigured, PermissionDenied

    try:
        return get_adapter(request).get_client_ip(request)
    except (PermissionDenied, ImproperlyConfigured):
        return "unknown"


def limit_anonymous_posts(
    *, group: str, rate: str
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Allow ``rate`` (for example ``"5/h"``) POSTs per visitor to the decorated view.

    One more is answered by ``too_many_requests`` (429); GET requests are never counted.
    """

    return ratelimit(group=group, key=client_address, rate=rate, method="POST", block=True)


def too_many_requests(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """The page a visitor sees once a form refused more submissions (``RATELIMIT_VIEW``)."""
    return render(request, "429.html", status=429)


if TYPE_CHECKING:
    _FormBase = forms.BaseForm
else:
    _FormBase = object


class HoneypotMixin(_FormBase):
    """Adds a field people never see (the template hides it) and bots fill in.

    ``is_spam`` tells the view to pretend success and store nothing. Forms name
    the field after what a bot likes to fill in (``honeypot_name``).
    """

    honeypot_name = "website"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields[self.honeypot_name] = forms.CharField(
            label=_("Leave this field empty"),
            required=False,
            widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
        )

    @property
    def is_spam(self) -> bool:
        return self.honeypot_name in self.fields and bool(self.data.get(self.honeypot_name))

    @property
    def honeypot(self) -> forms.BoundField:
        return self[self.honeypot_name]
