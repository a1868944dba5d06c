"""Forms of the network: filters, the actor entry, topics, rounds, the board, the newsletter."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from house.abuse import HoneypotMixin
from house.forms import HouseForm, HouseModelForm
from tenants.models import Organisation, TargetGroup
from tenants.models import Topic as DirectoryTopic
from tenants.network.models import Actor, BoardPost, District, Topic


def _model_choice_field(form: forms.BaseForm, name: str) -> forms.ModelChoiceField[Any]:
    """``form.fields[name]``, typed as the model choice field it is (``fields`` is a plain
    ``dict[str, Field]`` to the type checker)."""
    return cast("forms.ModelChoiceField[Any]", form.fields[name])


#: The wording the subscriber agrees to; stored with the subscription as its proof.
CONSENT_TEXT = _(
    "I would like to receive the newsletter of the neighbourhood network by e-mail. "
    "I can unsubscribe at any time with the link in every newsletter. "
    "My address is used for nothing else and is not passed on."
)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class NetworkFilterForm(HouseForm):
    district = forms.ModelChoiceField(
        label=_("District"),
        queryset=District.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("All districts"),
    )
    topic = forms.ModelChoiceField(
        label=_("Topic"),
        queryset=Topic.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("All topics"),
    )
    target_group = forms.ModelChoiceField(
        label=_("Target group"),
        queryset=TargetGroup.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("All target groups"),
    )


class ActorForm(HouseModelForm):
    class Meta:
        model = Actor
        fields = [
            "district",
            "summary",
            "topics",
            "target_groups",
            "partner_events",
            "show_address",
            "latitude",
            "longitude",
        ]
        widgets = {
            "topics": forms.CheckboxSelectMultiple,
            "target_groups": forms.CheckboxSelectMultiple,
            "summary": forms.Textarea(attrs={"rows": 5}),
        }
        help_texts = {
            "latitude": _(
                "Optional, for the map: read it off any map you trust, for example 51.31554. "
                "The portal asks no map service."
            ),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from events.models import Event

        _model_choice_field(self, "partner_events").queryset = (
            Event.objects.published().upcoming().order_by("start")
        )
        self.fields["partner_events"].help_text = _(
            "Events of other organisations that you organise together with them."
        )
        self.fields["partner_events"].required = False


class OutsideActorForm(HouseForm):
    name = forms.CharField(label=_("Name"), max_length=200)
    district = forms.ModelChoiceField(label=_("District"), queryset=District.objects.all())
    legal_form = forms.ChoiceField(
        label=_("Legal form"), choices=Organisation.LegalForm.choices, initial="other"
    )
    summary = forms.CharField(
        label=_("What they do in the district"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=1500,
    )
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    email = forms.EmailField(label=_("Public e-mail address"), required=False)
    street = forms.CharField(label=_("Street and number"), max_length=200, required=False)
    postcode = forms.CharField(label=_("Postcode"), max_length=10, required=False)
    invite_email = forms.EmailField(
        label=_("Invite to keep the entry (e-mail address)"),
        required=False,
        help_text=_("This person becomes admin of the entry after accepting the invitation."),
    )


class ExistingActorForm(HouseForm):
    organisation = forms.ModelChoiceField(
        label=_("Organisation of the directory"),
        queryset=Organisation.objects.exclude(kind=Organisation.Kind.EXTERNAL)
        .filter(network_actor__isnull=True)
        .order_by("name"),
    )
    district = forms.ModelChoiceField(label=_("District"), queryset=District.objects.all())


class ActingForForm(HouseForm):
    """Which of one's organisations one speaks for (shown only with more than one)."""

    actor = forms.ModelChoiceField(label=_("For the organisation"), queryset=Actor.objects.none())

    def __init__(self, *args: Any, actors: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if actors is not None:
            _model_choice_field(self, "actor").queryset = actors


class TopicProposalForm(ActingForForm):
    name = forms.CharField(label=_("Topic"), max_length=150)
    description = forms.CharField(
        label=_("Why this topic matters in the district"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=3000,
        required=False,
    )


class CommentForm(ActingForForm):
    text = forms.CharField(
        label=_("Your comment"), widget=forms.Textarea(attrs={"rows": 3}), max_length=3000
    )


class TopicEditForm(HouseModelForm):
    class Meta:
        model = Topic
        fields = ["name", "description", "status", "directory_topics", "events"]
        widgets = {
            "directory_topics": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from events.models import Event

        _model_choice_field(self, "directory_topics").queryset = DirectoryTopic.objects.all()
        _model_choice_field(self, "events").queryset = Event.objects.published().order_by("-start")
        self.fields["events"].required = False


class RoundForm(HouseForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    topics = forms.ModelMultipleChoiceField(
        label=_("Topics on the ballot"),
        queryset=Topic.objects.open(),
        widget=forms.CheckboxSelectMultiple,
    )
    opens_at = forms.DateTimeField(label=_("Opens"), widget=DateTimeInput())
    closes_at = forms.DateTimeField(label=_("Closes"), widget=DateTimeInput())
    budget = forms.IntegerField(
        label=_("Dots per organisation"), min_value=1, max_value=100, initial=10
    )
    cap_per_topic = forms.IntegerField(
        label=_("At most this many dots of one organisation on one topic"),
        min_value=1,
        max_value=100,
        initial=3,
    )
    min_spread = forms.IntegerField(
        label=_("Minimum number of topics (0: none)"), min_value=0, max_value=50, initial=0
    )


class DotForm(HouseForm):
    topic = forms.ModelChoiceField(queryset=Topic.objects.all(), widget=forms.HiddenInput)
    actor = forms.ModelChoiceField(queryset=Actor.objects.all(), widget=forms.HiddenInput)


class BoardPostForm(ActingForForm):
    kind = forms.ChoiceField(
        label=_("Need or offer"), choices=BoardPost.Kind.choices, widget=forms.RadioSelect
    )
    category = forms.ChoiceField(label=_("Category"), choices=BoardPost.Category.choices)
    title = forms.CharField(label=_("Title"), max_length=150)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 4}), max_length=2000
    )
    link_url = forms.URLField(
        label=_("Link (optional)"),
        required=False,
        assume_scheme="https",
        help_text=_("For example the volunteer opportunity this need belongs to."),
    )
    expires_on = forms.DateField(
        label=_("Show until"),
        widget=DateInput(),
        initial=lambda: timezone.localdate() + dt.timedelta(days=30),
    )


class SubscribeForm(HoneypotMixin, HouseForm):
    """Public form; ``website`` is a honeypot that people never see and bots fill in."""

    email = forms.EmailField(label=_("E-mail address"))
    consent = forms.BooleanField(label=CONSENT_TEXT, required=True)


class NewsletterDraftForm(HouseForm):
    period_start = forms.DateField(label=_("News from"), widget=DateInput())
    period_end = forms.DateField(label=_("News until"), widget=DateInput())


class NewsletterEditForm(HouseForm):
    subject = forms.CharField(label=_("Subject"), max_length=200)
    body = forms.CharField(
        label=_("Text"), widget=forms.Textarea(attrs={"rows": 20}), max_length=20000
    )


class WorkingGroupForm(HouseForm):
    name = forms.CharField(label=_("Name"), max_length=200)
    topic = forms.ModelChoiceField(label=_("Topic"), queryset=Topic.objects.open())
    mandate = forms.CharField(
        label=_("Mandate"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=3000,
        help_text=_("What the group is to achieve, and for whom."),
    )
    planned_end = forms.DateField(
        label=_("Planned end"),
        widget=DateInput(),
        help_text=_("On this date the group is asked for its closing report or an extension."),
    )
    actors = forms.ModelMultipleChoiceField(
        label=_("Organisations taking part"),
        queryset=Actor.objects.select_related("organisation").order_by("organisation__name"),
        required=False,
    )
    chair_email = forms.EmailField(
        label=_("Chair (e-mail address of an account)"),
        required=False,
        help_text=_("Optional: this person gets the chair's seat in the group's committee."),
    )


class GroupCloseForm(HouseForm):
    attendee_count = forms.IntegerField(
        label=_("Number of people who took part"), min_value=0, max_value=10000
    )
    organisations = forms.ModelMultipleChoiceField(
        label=_("Organisations that took part"),
        queryset=Actor.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    decisions = forms.CharField(
        label=_("Decisions"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    projects = forms.CharField(
        label=_("Projects"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    events = forms.CharField(
        label=_("Events"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    documents = forms.CharField(
        label=_("Documents"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Titles and links of papers the group produced."),
    )

    def __init__(self, *args: Any, group: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _model_choice_field(self, "organisations").queryset = Actor.objects.select_related(
            "organisation"
        ).order_by("organisation__name")
        if group is not None and not self.is_bound:
            self.initial["organisations"] = list(group.actors.values_list("pk", flat=True))


class GroupExtendForm(HouseForm):
    new_end = forms.DateField(label=_("New planned end"), widget=DateInput())
    reason = forms.CharField(
        label=_("Reason for the extension"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )
