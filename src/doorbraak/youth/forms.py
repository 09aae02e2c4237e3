from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from doorbraak.core.forms import Form
from doorbraak.core.models import User

from .models import DomainStatus


class DomainForm(Form):
    """One of the Big 5; the page shows five of these, each with the domain code as prefix."""

    status = forms.ChoiceField(label=_("Status"), choices=DomainStatus.choices)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    responsible_user = forms.ModelChoiceField(
        label=_("Responsible: a colleague"),
        required=False,
        queryset=User.objects.none(),
        to_field_name="uuid",
    )
    responsible_text = forms.CharField(
        label=_("Responsible: someone else"),
        required=False,
        max_length=200,
        help_text=_("For example: the mentor, a housing association or the young person."),
    )
    date = forms.DateField(
        label=_("Date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("When it was arranged, or when it should be."),
    )

    def __init__(self, *args, household, current_user_id=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Colleagues in the household's team (and whoever is responsible now, should they have
        # left the team): the people who can be held to the domain.
        colleagues = Q(
            memberships__team=household.team,
            memberships__organisation=household.organisation,
            memberships__active=True,
        )
        if current_user_id:
            colleagues |= Q(pk=current_user_id)
        self.fields["responsible_user"].queryset = (
            User.objects.filter(colleagues)
            .distinct()
            .order_by("last_name", "first_name", "username")
        )


class ToekomstplanForm(Form):
    toekomstplan = forms.CharField(
        label=_("Toekomstplan"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "The young person's own plan for the future: what they want, and what is needed. "
            "Ready before the 18th birthday."
        ),
    )


class CloseForm(Form):
    reason = forms.CharField(
        label=_("Reason for closing"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Needed when a domain is not arranged; only a team leader can close in that case."
        ),
    )

    def __init__(self, *args, reason_required=False, **kwargs):
        super().__init__(*args, **kwargs)
        # Shown as required when it is; the Big 5 rule (rules_big5.can_close) decides on POST.
        self.fields["reason"].required = reason_required
