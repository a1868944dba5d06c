"""Forms of the governance area; they parse, the services decide."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from house.forms import HouseForm
from house.governance.models import (
    AgendaItem,
    Attendance,
    Choice,
    DatePollSlot,
    Meeting,
    Membership,
    Vote,
)

if TYPE_CHECKING:
    from house.models import User
    from rooms.models import Room


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class MeetingForm(HouseForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    start = forms.DateTimeField(label=_("Start"), widget=DateTimeInput())
    end = forms.DateTimeField(label=_("End"), widget=DateTimeInput())
    room: forms.ModelChoiceField[Room] = forms.ModelChoiceField(
        label=_("Room of the house"), queryset=None, required=False
    )
    location = forms.CharField(label=_("Or another place"), max_length=200, required=False)
    repeat_of: forms.ModelChoiceField[Meeting] = forms.ModelChoiceField(
        label=_("Repeat of a meeting without quorum"), queryset=None, required=False
    )

    def __init__(self, *args, committee, **kwargs):
        from rooms.models import Room

        super().__init__(*args, **kwargs)
        self.fields["room"].queryset = Room.objects.bookable().order_by("name")
        self.fields["repeat_of"].queryset = committee.meetings.filter(had_quorum=False)

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end <= start:
            self.add_error("end", _("The meeting must end after it starts."))
        return data


class AgendaItemForm(HouseForm):
    title = forms.CharField(label=_("Title"), max_length=250)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    proposal = forms.CharField(
        label=_("Proposed resolution"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    public = forms.BooleanField(label=_("Public item"), required=False, initial=True)


class ApologiesForm(HouseForm):
    note = forms.CharField(label=_("Note (optional)"), max_length=300, required=False)


class AttendanceForm(HouseForm):
    membership = forms.ModelChoiceField(label=_("Member"), queryset=Membership.objects.none())
    status = forms.ChoiceField(label=_("Status"), choices=Attendance.Status.choices)
    deputy_present = forms.BooleanField(label=_("Deputy present"), required=False)

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["membership"].queryset = Membership.objects.filter(attendances__meeting=meeting)


class PaperForm(HouseForm):
    title = forms.CharField(label=_("Title"), max_length=250)
    file = forms.FileField(label=_("File"))
    public = forms.BooleanField(label=_("Public paper"), required=False)
    agenda_item: forms.ModelChoiceField[AgendaItem] = forms.ModelChoiceField(
        label=_("Agenda item"), queryset=None, required=False
    )

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = meeting.agenda_items.filter(deleted=False)


class OpenVoteForm(HouseForm):
    question = forms.CharField(label=_("Motion"), widget=forms.Textarea(attrs={"rows": 2}))
    visibility = forms.ChoiceField(label=_("Kind of vote"), choices=Vote.Visibility.choices)
    minutes = forms.IntegerField(
        label=_("Open for (minutes)"), min_value=1, max_value=1440, initial=10
    )


class BallotForm(HouseForm):
    choice = forms.ChoiceField(
        label=_("Your vote"), choices=Choice.choices, widget=forms.RadioSelect
    )


class CircularForm(HouseForm):
    title = forms.CharField(label=_("Title"), max_length=250)
    text = forms.CharField(label=_("Proposed resolution"), widget=forms.Textarea(attrs={"rows": 4}))
    deadline = forms.DateTimeField(label=_("Answer by"), widget=DateTimeInput())
    public = forms.BooleanField(label=_("Public once decided"), required=False, initial=True)

    def clean_deadline(self):
        value = self.cleaned_data["deadline"]
        if value <= timezone.now():
            raise forms.ValidationError(_("The deadline must lie in the future."))
        return value

    @staticmethod
    def default_deadline() -> dt.datetime:
        return (timezone.localtime() + dt.timedelta(days=14)).replace(
            hour=18, minute=0, second=0, microsecond=0
        )


class CircularAnswerForm(HouseForm):
    choice = forms.ChoiceField(
        label=_("Your answer"), choices=Choice.choices, widget=forms.RadioSelect
    )
    confirm = forms.BooleanField(
        label=_("I make this declaration in text form under my name."), required=True
    )


class CorrectionForm(HouseForm):
    text = forms.CharField(label=_("Your correction"), widget=forms.Textarea(attrs={"rows": 3}))


class CorrigendumForm(HouseForm):
    text = forms.CharField(label=_("Corrigendum"), widget=forms.Textarea(attrs={"rows": 3}))


class EntryForm(HouseForm):
    text = forms.CharField(
        label=_("Text"), widget=forms.Textarea(attrs={"rows": 5}), required=False
    )


class ActionForm(HouseForm):
    title = forms.CharField(label=_("What is to be done"), max_length=250)
    owner: forms.ModelChoiceField[User] = forms.ModelChoiceField(
        label=_("Responsible"), queryset=None, required=False
    )
    due_on = forms.DateField(
        label=_("Due"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, committee, **kwargs):
        from house.models import User

        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = User.objects.filter(
            committee_memberships__in=committee.memberships.current()
        ).distinct()


class SearchForm(HouseForm):
    q = forms.CharField(label=_("Search resolutions"), required=False, max_length=100)


class DatePollForm(HouseForm):
    """A date poll: the meeting's title and place, its length, and up to six candidate starts."""

    SLOT_FIELDS = 6

    title = forms.CharField(label=_("Title of the meeting"), max_length=200)
    minutes = forms.IntegerField(
        label=_("Length (minutes)"), min_value=15, max_value=12 * 60, initial=120
    )
    room: forms.ModelChoiceField[Room] = forms.ModelChoiceField(
        label=_("Room of the house"), queryset=None, required=False
    )
    location = forms.CharField(label=_("Or another place"), max_length=200, required=False)
    note = forms.CharField(
        label=_("Note to the members"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args, **kwargs):
        from rooms.models import Room

        super().__init__(*args, **kwargs)
        self.fields["room"].queryset = Room.objects.bookable().order_by("name")
        for index in range(1, self.SLOT_FIELDS + 1):
            self.fields[f"slot_{index}"] = forms.DateTimeField(
                label=_("Date %(number)s") % {"number": index},
                widget=DateTimeInput(),
                required=False,
            )

    def clean(self):
        data = super().clean()
        starts = [
            data[f"slot_{i}"] for i in range(1, self.SLOT_FIELDS + 1) if data.get(f"slot_{i}")
        ]
        if len(starts) < 2:
            raise forms.ValidationError(_("Please offer at least two dates."))
        length = dt.timedelta(minutes=data.get("minutes") or 120)
        data["slots"] = [(start, start + length) for start in starts]
        return data


class DecideDatePollForm(HouseForm):
    slot: forms.ModelChoiceField[DatePollSlot] = forms.ModelChoiceField(
        label=_("Date of the meeting"), queryset=None, widget=forms.RadioSelect, empty_label=None
    )
    invite = forms.BooleanField(label=_("Send the invitations now"), required=False, initial=True)
    late_reason = forms.CharField(
        label=_("Reason, if the invitation goes out later than the notice period"),
        max_length=1000,
        required=False,
    )

    def __init__(self, *args, poll, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["slot"]
        field.queryset = DatePollSlot.objects.filter(poll=poll).order_by("start")
        field.label_from_instance = _slot_label


def _slot_label(slot) -> str:
    from house.formats import format_as

    return f"{format_as(slot.start, 'weekday_datetime')}–{format_as(slot.end, 'time')}"


class PaperVersionForm(HouseForm):
    file = forms.FileField(label=_("New version of the file"))
    note = forms.CharField(label=_("What changed"), max_length=250, required=False)


class DeleteForm(HouseForm):
    reason = forms.CharField(label=_("Reason (for the history)"), max_length=300, required=False)


class DelegationForm(HouseForm):
    delegate: forms.ModelChoiceField[User] = forms.ModelChoiceField(
        label=_("Member who votes for you"), queryset=None
    )

    def __init__(self, *args, committee, person, **kwargs):
        from house.models import User

        super().__init__(*args, **kwargs)
        self.fields["delegate"].queryset = (
            User.objects.filter(committee_memberships__in=committee.memberships.current())
            .exclude(pk=person.pk)
            .distinct()
            .order_by("name")
        )
