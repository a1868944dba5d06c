"""Public newsletter pages: subscribe, confirm (double opt-in), unsubscribe with one click."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.encoding import force_str
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from house.abuse import limit_anonymous_posts
from tenants.network.forms import CONSENT_TEXT, SubscribeForm
from tenants.network.models import Subscriber
from tenants.network.services import NetworkError
from tenants.network.services import newsletter as newsletter_services

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponse

logger = logging.getLogger(__name__)

#: Subscription requests one address (IP) may send per hour.
SUBSCRIBE_PER_HOUR = 10


@require_http_methods(["GET", "POST"])
@limit_anonymous_posts(group="network:subscribe", rate=f"{SUBSCRIBE_PER_HOUR}/h")
def subscribe(request: HttpRequest) -> HttpResponse:
    form = SubscribeForm(request.POST or None)
    if request.method == "POST" and form.is_spam:
        return redirect("network:newsletter_requested")  # bots learn nothing
    if request.method == "POST" and form.is_valid():
        try:
            newsletter_services.subscribe(
                email=form.cleaned_data["email"],
                consent_text=force_str(CONSENT_TEXT),
                language=translation.get_language() or "de",
                user=request.user if request.user.is_authenticated else None,
            )
        except NetworkError as exc:
            form.add_error("email", exc.message)
        else:
            return redirect("network:newsletter_requested")
    return render(request, "network/newsletter_subscribe.html", {"form": form})


def requested(request: HttpRequest) -> HttpResponse:
    return render(request, "network/newsletter_requested.html")


@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a button, POST confirms: a mail scanner following links subscribes nobody."""
    subscriber = get_object_or_404(Subscriber, token=token)
    if request.method == "POST":
        newsletter_services.confirm_subscription(subscriber=subscriber)
        messages.success(request, _("Thank you: your subscription is confirmed."))
        return redirect("network:newsletter_confirm", token=token)
    return render(request, "network/newsletter_confirm.html", {"subscriber": subscriber})


@csrf_exempt  # RFC 8058 one-click: mail clients POST without a form of ours; the token authorises
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    subscriber = get_object_or_404(Subscriber, token=token)
    if request.method == "POST":
        newsletter_services.unsubscribe(subscriber=subscriber)
        if request.POST.get("List-Unsubscribe") == "One-Click":
            return render(
                request, "network/newsletter_unsubscribed.html", {"subscriber": subscriber}
            )
        return redirect("network:newsletter_unsubscribe", token=token)
    return render(request, "network/newsletter_unsubscribed.html", {"subscriber": subscriber})
