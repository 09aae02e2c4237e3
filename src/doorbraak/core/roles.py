"""Roles a member of an organisation can hold. One membership carries one role."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    PROFESSIONAL = "professional", _("Professional")
    TEAMLEIDER = "teamleider", _("Team leader")
    FUNCTIONEEL_BEHEERDER = "functioneel_beheerder", _("Functional administrator")
    MAATWERKFUNCTIONARIS = "maatwerkfunctionaris", _("Maatwerkfunctionaris")
    LOKET = "loket", _("Loket/LET member")
    VROEGSIGNALERING = "vroegsignalering", _("Vroegsignalering team member")
    ANALIST = "analist", _("Analyst")
    PRIVACY_OFFICER = "privacy_officer", _("Privacy officer")


# The role an API token acts in; never held by a person.
SYSTEM_CLIENT_ROLE = "systeemkoppeling"
