"""The Landelijk Maatwerkregister: who may decide on maatwerk, where, for which laws.

An entry is a maatwerkfunctionaris or a team of a gemeente or a national agency, with its
mandate, the life domains and laws it covers, the gemeenten it serves and a central (functional)
e-mail address and phone number (domain notes §4). Entries hold no personal data; a contact
request from a plan does, and is logged.
"""

import datetime
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Every six months an entry is checked again: older than this many days it is "verouderd".
REVERIFY_AFTER_DAYS = 183

# Organisation types that keep entries in the register (core.OrganisationType values).
REGISTER_ORGANISATION_TYPES = ("gemeente", "uitvoeringsorganisatie")


def outdated_before(today: datetime.date | None = None) -> datetime.date:
    """Entries last verified before this date are verouderd."""
    return (today or timezone.localdate()) - datetime.timedelta(days=REVERIFY_AFTER_DAYS)


class EntryKind(models.TextChoices):
    FUNCTIONARIS = "maatwerkfunctionaris", _("Maatwerkfunctionaris")
    TEAM = "team", _("Team")


class RegisterEntry(models.Model):
    uuid = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        "core.Organisation",
        on_delete=models.PROTECT,
        related_name="register_entries",
        verbose_name=_("organisation"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=EntryKind.choices)
    name = models.CharField(
        _("name"),
        max_length=200,
        help_text=_("Name of the function or team, e.g. Maatwerkfunctionaris CAK."),
    )
    mandate = models.TextField(
        _("mandate"), help_text=_("What the maatwerkfunctionaris or team may decide.")
    )
    domains = models.JSONField(
        _("life domains"), default=list, blank=True, help_text=_("ZRM 2017 life-domain codes.")
    )
    laws = models.JSONField(
        _("laws"),
        default=list,
        blank=True,
        help_text=_("Names of the laws, e.g. Participatiewet, Wmo 2015, Zvw."),
    )
    nationwide = models.BooleanField(
        _("serves every gemeente"),
        default=False,
        help_text=_("For national agencies that help residents of every gemeente."),
    )
    gemeenten = models.ManyToManyField(
        "core.Organisation",
        blank=True,
        related_name="served_by_register_entries",
        limit_choices_to={"type": "gemeente"},
        verbose_name=_("gemeenten served"),
    )
    region = models.CharField(
        _("region"),
        max_length=200,
        blank=True,
        help_text=_("A region in words, e.g. Rijnmond or arbeidsmarktregio Groningen."),
    )
    email = models.EmailField(
        _("central e-mail address"), help_text=_("A functional address, not a person's own.")
    )
    phone = models.CharField(_("central phone number"), max_length=30)
    availability = models.CharField(
        _("availability"),
        max_length=300,
        blank=True,
        help_text=_("When and how the entry can be reached, e.g. working days 9–17 h."),
    )
    last_verified_on = models.DateField(
        _("last verified on"),
        default=timezone.localdate,
        help_text=_("The organisation checks its entry every six months."),
    )
    active = models.BooleanField(_("active"), default=True)
    # Casefolded name, mandate, laws and region: searching with Unicode case folding on every
    # database (SQLite's LIKE folds ASCII only).
    search_text = models.TextField(_("search text"), blank=True, editable=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("updated by"),
    )

    class Meta:
        verbose_name = _("register entry")
        verbose_name_plural = _("register entries")
        ordering = ["organisation__name", "name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"], name="register_entry_name_per_organisation"
            )
        ]
        indexes = [
            models.Index(fields=["active", "name"], name="register_active_name_idx"),
            models.Index(
                fields=["organisation", "last_verified_on"], name="register_org_verified_idx"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.search_text = " ".join(
            [self.name, self.mandate, " ".join(self.laws or []), self.region]
        ).casefold()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text"}
        super().save(*args, **kwargs)

    def is_outdated(self, today: datetime.date | None = None) -> bool:
        return self.last_verified_on < outdated_before(today)

    @property
    def outdated(self) -> bool:
        return self.is_outdated()

    @property
    def served(self) -> list[str]:
        """Who the entry serves, in words: every gemeente, the gemeenten by name, a region."""
        names = [g.name for g in self.gemeenten.all()]
        if self.organisation.is_gemeente and self.organisation.name not in names:
            names.insert(0, self.organisation.name)
        parts = [str(_("every gemeente"))] if self.nationwide else []
        if names:
            parts.append(", ".join(names))
        if self.region:
            parts.append(self.region)
        return parts

    @property
    def reverify_due_on(self) -> datetime.date:
        return self.last_verified_on + datetime.timedelta(days=REVERIFY_AFTER_DAYS)


class RequestStatus(models.TextChoices):
    VERSTUURD = "verstuurd", _("Sent")
    BEANTWOORD = "beantwoord", _("Answered")
    OPGELOST = "opgelost", _("Solved")


class ContactRequest(models.Model):
    """A question from a plan's team to a register entry.

    The receiving organisation sees the household's reference, the question and, only when the
    sender recorded a legal basis for it, the applicant's name and date of birth — read from the
    person at the time of viewing, so that a rectification or erasure reaches the receiver too.
    """

    uuid = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(
        "plans.Plan",
        on_delete=models.CASCADE,
        related_name="contact_requests",
        verbose_name=_("plan"),
    )
    entry = models.ForeignKey(
        RegisterEntry,
        on_delete=models.PROTECT,
        related_name="contact_requests",
        verbose_name=_("register entry"),
    )
    from_organisation = models.ForeignKey(
        "core.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("from organisation"),
    )
    from_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("sent by"),
    )
    question = models.TextField(_("question"))
    share_identity = models.BooleanField(
        _("share name and date of birth"),
        default=False,
        help_text=_("Only with a legal basis; otherwise the request shows the reference only."),
    )
    legal_basis = models.TextField(_("legal basis for sharing"), blank=True)
    shared_person = models.ForeignKey(
        "households.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("person shared"),
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=RequestStatus.choices,
        default=RequestStatus.VERSTUURD,
    )
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("solved at"), null=True, blank=True)
    created_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        verbose_name = _("contact request")
        verbose_name_plural = _("contact requests")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["entry", "status"], name="contact_req_entry_status_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.entry} — {self.reference}"

    @property
    def reference(self) -> str:
        """The household's pseudonymous reference: what every request shows."""
        return self.plan.household.reference

    @property
    def shared_name(self) -> str:
        if self.share_identity and self.shared_person is not None:
            return self.shared_person.full_name
        return ""

    @property
    def shared_birth_date(self):
        if self.share_identity and self.shared_person is not None:
            return self.shared_person.geboortedatum
        return None

    @property
    def controller(self):
        return self.plan.household.organisation

    def processing_subjects(self):
        subjects = list(self.plan.processing_subjects())
        if self.share_identity and self.shared_person_id is not None:
            subjects.append(("persoon", self.shared_person.uuid))
        return subjects
