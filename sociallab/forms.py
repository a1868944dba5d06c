"""Forms of the Social Lab. The application form is built from the call's questions (data)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from house.forms import HouseForm
from sociallab.models import (
    Application,
    Bid,
    Comment,
    FundingApplication,
    FundingSource,
    PhaseRecord,
    ReviewPhase,
)

if TYPE_CHECKING:
    from house.models import User
    from rooms.models import Room

YES_NO = [("yes", _("Yes")), ("no", _("No"))]


def question_label(question: dict[str, Any]) -> str:
    if translation.get_language() == "en" and question.get("label_en"):
        return str(question["label_en"])
    return str(question["label"])


class ApplicationDraftForm(HouseForm):
    """The call's questions as fields. Nothing is required while drafting: the check
    for required answers happens on submission."""

    title = forms.CharField(label=_("Name of your idea"), max_length=200, required=False)

    def __init__(self, *args: Any, questions: list[dict[str, Any]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            label = question_label(question)
            if question.get("required"):
                label = f"{label} *"
            help_text = question.get("help", "")
            kind = question["kind"]
            field: forms.Field
            if kind == "textarea":
                field = forms.CharField(
                    widget=forms.Textarea(attrs={"rows": 5}),
                    max_length=question.get("max_length", 5000),
                )
            elif kind == "yesno":
                field = forms.ChoiceField(choices=YES_NO, widget=forms.RadioSelect)
            elif kind == "choice":
                field = forms.ChoiceField(
                    choices=[("", "–")] + [(c, c) for c in question.get("choices", [])]
                )
            elif kind == "number":
                field = forms.DecimalField()
            else:
                field = forms.CharField(max_length=question.get("max_length", 500))
            field.required = False
            field.label = label
            field.help_text = help_text
            self.fields[f"q_{question['key']}"] = field

    @staticmethod
    def initial_for(application: Application) -> dict[str, Any]:
        initial: dict[str, Any] = {"title": application.title}
        for question in application.form.questions:
            value = application.answers.get(question["key"])
            if question["kind"] == "yesno" and value is not None:
                value = "yes" if value else "no"
            initial[f"q_{question['key']}"] = value
        return initial

    def raw_answers(self) -> dict[str, Any]:
        """The submitted values per question key, as typed (the service cleans them)."""
        data = self.data
        return {q["key"]: data.get(f"q_{q['key']}", "") for q in self.questions}


class SubmitForm(HouseForm):
    consent = forms.BooleanField(
        label=_(
            "I agree that the Social Lab team and its reviewers process my application to "
            "decide on it. Rejected applications are deleted after the period stated in the "
            "call unless I agree to keep them."
        ),
        required=False,
    )


class InviteForm(HouseForm):
    email = forms.EmailField(label=_("E-mail address of your co-applicant"))


class CommentForm(HouseForm):
    body = forms.CharField(
        label=_("Message"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )
    audience = forms.ChoiceField(
        label=_("Visible to"), choices=Comment.Audience.choices, required=False
    )


class DecisionForm(HouseForm):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=Application.Decision.choices, widget=forms.RadioSelect
    )
    message = forms.CharField(
        label=_("Message to the applicant"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=5000,
    )


class CallForm(HouseForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(label=_("Summary"), widget=forms.Textarea(attrs={"rows": 3}))
    programme = forms.CharField(
        label=_("Programme and its phases"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    opens_at = forms.DateTimeField(
        label=_("Opens"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    closes_at = forms.DateTimeField(
        label=_("Closes"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    decisions_by = forms.DateField(
        label=_("Decisions by"), widget=forms.DateInput(attrs={"type": "date"})
    )
    is_published = forms.BooleanField(label=_("Publish now"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        assert data is not None  # Form.clean() returns self.cleaned_data
        if data.get("opens_at") and data.get("closes_at") and data["closes_at"] <= data["opens_at"]:
            self.add_error("closes_at", _("The call must close after it opens."))
        return data


class BidForm(HouseForm):
    preference = forms.TypedChoiceField(
        label=_("Your bid"), choices=Bid.Preference.choices, coerce=int
    )


class ConflictForm(HouseForm):
    reason = forms.CharField(
        label=_("Reason (for the Social Lab team)"), max_length=300, required=False
    )


class GoalsForm(HouseForm):
    goals = forms.CharField(
        label=_("Goals for this phase"), widget=forms.Textarea(attrs={"rows": 4})
    )
    review_on = forms.DateField(
        label=_("Phase review on"), widget=forms.DateInput(attrs={"type": "date"}), required=False
    )


class PhaseReviewForm(HouseForm):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=PhaseRecord.Outcome.choices)
    notes = forms.CharField(
        label=_("Notes"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class MilestoneForm(HouseForm):
    title = forms.CharField(label=_("Milestone"), max_length=200)
    due_on = forms.DateField(label=_("Due on"), widget=forms.DateInput(attrs={"type": "date"}))


class SlotForm(HouseForm):
    start = forms.DateTimeField(
        label=_("Start"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    end = forms.DateTimeField(
        label=_("End"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    room: forms.ModelChoiceField[Room] = forms.ModelChoiceField(
        label=_("Room in the house"), queryset=None, required=False
    )
    location = forms.CharField(label=_("Or where"), max_length=200, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from rooms.models import Room

        cast("forms.ModelChoiceField[Room]", self.fields["room"]).queryset = Room.objects.filter(
            is_bookable=True
        ).order_by("name")


class NotesForm(HouseForm):
    shared_notes = forms.CharField(
        label=_("Shared notes"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )


class PrivateNotesForm(HouseForm):
    private_notes = forms.CharField(
        label=_("Private notes (only you)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )


class ActionItemForm(HouseForm):
    text = forms.CharField(label=_("Action item"), max_length=300)
    due_on = forms.DateField(
        label=_("By"), widget=forms.DateInput(attrs={"type": "date"}), required=False
    )


class MentorForm(HouseForm):
    mentor: forms.ModelChoiceField[User] = forms.ModelChoiceField(label=_("Mentor"), queryset=None)
    hour_budget = forms.DecimalField(
        label=_("Hour budget"), min_value=0, max_digits=5, decimal_places=1
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from django.db.models import Q

        from house.models import User
        from house.roles import Role

        cast("forms.ModelChoiceField[User]", self.fields["mentor"]).queryset = (
            User.objects.filter(Q(groups__name=Role.MENTOR) | Q(groups__name=Role.SOCIAL_LAB_STAFF))
            .distinct()
            .order_by("name")
        )


class FundingForm(HouseForm):
    source = forms.ModelChoiceField(label=_("Funding source"), queryset=FundingSource.objects.all())
    amount = forms.DecimalField(
        label=_("Amount (EUR)"), min_value=1, max_digits=10, decimal_places=2
    )


class FundingStatusForm(HouseForm):
    status = forms.ChoiceField(label=_("Status"), choices=FundingApplication.Status.choices)
    granted = forms.DecimalField(
        label=_("Amount granted (EUR)"),
        min_value=0,
        max_digits=10,
        decimal_places=2,
        required=False,
    )


class ReportForm(HouseForm):
    title = forms.CharField(label=_("Report"), max_length=200)
    due_on = forms.DateField(label=_("Due on"), widget=forms.DateInput(attrs={"type": "date"}))


class GraduateForm(HouseForm):
    organisation_name = forms.CharField(label=_("Name of the new organisation"), max_length=200)


class CriterionForm(HouseForm):
    name = forms.CharField(label=_("Criterion"), max_length=100)
    weight = forms.DecimalField(
        label=_("Weight"), min_value=0, max_digits=4, decimal_places=2, initial=1
    )
    max_score = forms.IntegerField(label=_("Highest score"), min_value=1, max_value=100, initial=5)
    required = forms.BooleanField(label=_("Required"), required=False, initial=True)
    in_total = forms.BooleanField(label=_("Counts towards the total"), required=False, initial=True)


class PhaseForm(HouseForm):
    name = forms.CharField(label=_("Name of the phase"), max_length=100)
    can_review = forms.BooleanField(label=_("Reviews can be written"), required=False, initial=True)
    can_bid = forms.BooleanField(label=_("Reviewers may bid"), required=False)
    other_reviews = forms.ChoiceField(
        label=_("Reviewers see other reviews"), choices=ReviewPhase.OtherReviews.choices
    )
    show_names = forms.BooleanField(label=_("Reviewers see applicants' names"), required=False)
    scope = forms.ChoiceField(label=_("Reviewers see"), choices=ReviewPhase.Scope.choices)


class TeamForm(HouseForm):
    name = forms.CharField(label=_("Name of the team"), max_length=100)
    may_see_names = forms.BooleanField(label=_("May see applicants' names"), required=False)
    emails = forms.CharField(
        label=_("E-mail addresses of the members, one per line"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
