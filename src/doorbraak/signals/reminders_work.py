"""Reminders of the vroegsignalering work, as in-app notifications (``followup.Notification``).

* A case assigned to someone: one notification to that person when the deadline of the first
  contact attempt comes within ``reminder_days_before`` days, and one more when it has passed.
* Cases nobody holds yet: one summary a day to each member of the gemeente's vroegsignalering
  team ("N cases are due or overdue"), linking to the deadlines page; a per-case message to the
  whole team would flood it at the scale of a large gemeente.
* A CJIB noodstop ending within 14 days: one notification to the household's case manager, or
  to the teamleiders of the household's team when it has none; again when the end date changes.

No personal data: case and household references only. ``dedupe_key`` keeps every run of the
same day (and of later days, for the per-case messages) from creating duplicates. Kinds reuse
the follow-up's: NO_CONTACT (no first contact yet) and ACTION_OVERDUE (noodstop ends).
"""

import datetime

from django.conf import settings as django_settings
from django.db.models import Q
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from doorbraak.core.models import Membership, Organisation, OrganisationType
from doorbraak.core.roles import Role
from doorbraak.followup.models import NotificationKind
from doorbraak.followup.services import Reminder, _store

from .matching import settings_for
from .models import CaseStatus, Noodstop, SignalCase

NOODSTOP_DAYS = 14


def _date(value: datetime.date) -> str:
    return formats.date_format(value, "d-m-Y")


def _team_of(organisation) -> list[int]:
    return list(
        Membership.objects.filter(
            organisation=organisation,
            role=Role.VROEGSIGNALERING,
            active=True,
            user__is_active=True,
        ).values_list("user_id", flat=True)
    )


def case_reminders(organisation, today: datetime.date) -> list[Reminder]:
    settings = settings_for(organisation)
    horizon = today + datetime.timedelta(days=settings.reminder_days_before)
    due = SignalCase.objects.filter(
        organisation=organisation,
        status=CaseStatus.OPEN,
        datum_opgepakt__isnull=True,
        deadline__lte=horizon,
    )
    reminders: list[Reminder] = []
    kind = NotificationKind.NO_CONTACT
    for case in (
        due.filter(assigned_to__isnull=False, assigned_to__is_active=True)
        .only("uuid", "deadline", "assigned_to_id")
        .iterator(chunk_size=1000)
    ):
        overdue = case.deadline < today
        text = (
            _("Vroegsignaalzaak %(reference)s: the first contact attempt was due on %(date)s.")
            if overdue
            else _("Vroegsignaalzaak %(reference)s: make the first contact attempt by %(date)s.")
        ) % {"reference": case.reference, "date": _date(case.deadline)}
        phase = "te-laat" if overdue else "bijna"
        reminders.append(
            Reminder(
                case.assigned_to_id,
                kind,
                text,
                reverse("signals:case", kwargs={"uuid": case.uuid}),
                f"vs-{phase}:{case.uuid}:{case.deadline.isoformat()}",
            )
        )
    unassigned = due.filter(Q(assigned_to__isnull=True) | Q(assigned_to__is_active=False))
    count = unassigned.count()
    if count:
        overdue = unassigned.filter(deadline__lt=today).count()
        text = _(
            "Vroegsignalering: %(count)d cases without a first contact attempt are due soon or "
            "overdue (%(overdue)d overdue) and nobody holds them."
        ) % {"count": count, "overdue": overdue}
        url = reverse("signals:deadlines")
        reminders += [
            Reminder(user_id, kind, text, url, f"vs-team:{organisation.pk}:{today.isoformat()}")
            for user_id in _team_of(organisation)
        ]
    return reminders


def noodstop_reminders(today: datetime.date) -> list[Reminder]:
    ending = Noodstop.objects.filter(
        ended_on__isnull=True,
        ends_on__gte=today,
        ends_on__lte=today + datetime.timedelta(days=NOODSTOP_DAYS),
    ).select_related("household", "household__assigned_to")
    reminders: list[Reminder] = []
    leaders: dict[int, list[int]] = {}
    for noodstop in ending.iterator(chunk_size=500):
        household = noodstop.household
        owner = household.assigned_to
        if owner is not None and owner.is_active:
            recipients = [owner.pk]
        else:
            if household.team_id not in leaders:
                leaders[household.team_id] = list(
                    Membership.objects.filter(
                        team_id=household.team_id, role=Role.TEAMLEIDER, active=True
                    ).values_list("user_id", flat=True)
                )
            recipients = leaders[household.team_id]
        text = _("The CJIB noodstop of %(reference)s ends on %(date)s.") % {
            "reference": household.reference,
            "date": _date(noodstop.ends_on),
        }
        url = reverse("signals:household-noodstop", kwargs={"uuid": household.uuid})
        key = f"noodstop:{noodstop.uuid}:{noodstop.ends_on.isoformat()}"
        reminders += [
            Reminder(user_id, NotificationKind.ACTION_OVERDUE, text, url, key)
            for user_id in recipients
        ]
    return reminders


def create_signal_reminders(today: datetime.date | None = None) -> int:
    today = today or timezone.localdate()
    created = 0
    with translation.override(django_settings.LANGUAGE_CODE):
        gemeenten = Organisation.objects.filter(type=OrganisationType.GEMEENTE, active=True).filter(
            Q(pk__in=SignalCase.objects.filter(status=CaseStatus.OPEN).values("organisation_id"))
        )
        for organisation in gemeenten.iterator(chunk_size=100):
            created += _store(case_reminders(organisation, today))
        created += _store(noodstop_reminders(today))
    return created
