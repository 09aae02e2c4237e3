"""Changes of the follow-up: reading the overview (logged), marking notifications read, and the
daily reminders with one e-mail digest per user."""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

import structlog

from doorbraak.audit.models import Action as LogAction
from doorbraak.audit.services import Subject, log_processing
from doorbraak.core.models import Membership, Team
from doorbraak.core.roles import Role

from . import selectors
from .models import Notification, NotificationKind

logger = structlog.get_logger(__name__)

DOSSIER = "huishoudensdossier"
DIGEST_TEMPLATE = "followup/email/digest.txt"
#: Notifications not yet e-mailed are picked up by a digest within this window (a failed
#: mail is tried again by the next run on the same day, older ones are left in the app).
DIGEST_WINDOW = datetime.timedelta(days=1)


def overzicht_inzien(*, actor, overview: selectors.TeamOverview) -> None:
    """Log the read of the teamleider's overview: one record per household shown."""
    households = overview.households
    if households:
        log_processing(
            actor,
            DOSSIER,
            LogAction.READ,
            subjects=[Subject("huishouden", str(h.uuid)) for h in households],
            controller=actor.organisation,
            detail="teamoverzicht opvolging",
        )


def mark_read(notification: Notification) -> Notification:
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


# Reminders.


@dataclass(frozen=True)
class Reminder:
    user_id: int
    kind: str
    text: str
    url: str
    dedupe_key: str


def _key(kind: str, obj, today: datetime.date) -> str:
    return f"{kind}:{obj.uuid}:{today.isoformat()}"


def _date(value: datetime.date) -> str:
    return formats.date_format(value, "d-m-Y")


def _team_reminders(team: Team, today: datetime.date, weeks: int) -> list[Reminder]:
    reminders: list[Reminder] = []
    leaders: list[int] | None = None
    professionals: list[int] | None = None

    for plan in selectors.plans_awaiting_decision(team).iterator(chunk_size=500):
        if leaders is None:
            leaders = [m.user_id for m in selectors.team_members(team, Role.TEAMLEIDER)]
        kind = NotificationKind.PLAN_AWAITING_DECISION
        text = _("The maatwerkplan of %(reference)s awaits a decision (submitted %(date)s).") % {
            "reference": plan.household.reference,
            "date": _date(timezone.localdate(plan.submitted_at)),
        }
        url = reverse("plans:detail", kwargs={"uuid": plan.uuid})
        reminders += [
            Reminder(user_id, kind, text, url, _key(kind, plan, today)) for user_id in leaders
        ]

    for action in selectors.overdue_actions(team, today).iterator(chunk_size=500):
        owner = action.owner_user
        if owner is not None and owner.is_active:
            recipients = [owner.pk]
        else:
            if professionals is None:
                professionals = [m.user_id for m in selectors.team_members(team, Role.PROFESSIONAL)]
            recipients = professionals
        kind = NotificationKind.ACTION_OVERDUE
        text = _("An action in the maatwerkplan of %(reference)s is overdue (due %(date)s).") % {
            "reference": action.plan.household.reference,
            "date": _date(action.due_on),
        }
        url = reverse("plans:detail", kwargs={"uuid": action.plan.uuid})
        reminders += [
            Reminder(user_id, kind, text, url, _key(kind, action, today)) for user_id in recipients
        ]

    in_team: set[int] | None = None
    for household in selectors.households_without_contact(team, today, weeks).iterator(
        chunk_size=500
    ):
        if household.assigned_to_id is None:
            continue
        if in_team is None:
            in_team = set(
                selectors.team_members(team, Role.PROFESSIONAL, Role.TEAMLEIDER).values_list(
                    "user_id", flat=True
                )
            )
        if household.assigned_to_id not in in_team:
            continue  # the case manager left the team: the teamleider's overview shows it
        kind = NotificationKind.NO_CONTACT
        if household.last_contact_on:
            text = _("No contact with %(reference)s since %(date)s.") % {
                "reference": household.reference,
                "date": _date(household.last_contact_on),
            }
        else:
            text = _("No contact with %(reference)s has been recorded.") % {
                "reference": household.reference
            }
        url = reverse("households:detail", kwargs={"uuid": household.uuid})
        reminders.append(
            Reminder(household.assigned_to_id, kind, text, url, _key(kind, household, today))
        )
    return reminders


def _store(reminders: list[Reminder]) -> int:
    """Create the reminders that do not exist yet for their user; return how many were new."""
    if not reminders:
        return 0
    existing = set(
        Notification.objects.filter(
            user_id__in={r.user_id for r in reminders},
            dedupe_key__in={r.dedupe_key for r in reminders},
        ).values_list("user_id", "dedupe_key")
    )
    new: dict[tuple[int, str], Notification] = {}
    for r in reminders:
        key = (r.user_id, r.dedupe_key)
        if key in existing or key in new:
            continue
        new[key] = Notification(
            user_id=r.user_id, kind=r.kind, text=r.text[:300], url=r.url, dedupe_key=r.dedupe_key
        )
    with transaction.atomic():
        # A concurrent run may have created some in between: the unique constraint keeps one.
        Notification.objects.bulk_create(new.values(), ignore_conflicts=True)
    return len(new)


def create_reminders(today: datetime.date | None = None) -> int:
    """Notifications for every team: plans awaiting a decision, overdue actions, households
    without contact. Idempotent per day (``dedupe_key``)."""
    today = today or timezone.localdate()
    weeks = selectors.no_contact_weeks()
    teams = (
        Team.objects.filter(organisation__active=True)
        .filter(pk__in=Membership.objects.filter(active=True).values("team_id"))
        .order_by("pk")
    )
    created = 0
    with translation.override(settings.LANGUAGE_CODE):
        for team in teams.iterator(chunk_size=200):
            created += _store(_team_reminders(team, today, weeks))
    logger.info("reminders_created", notifications=created, day=today.isoformat())
    return created


def send_digests(now: datetime.datetime | None = None) -> int:
    """One plain-text e-mail per user with the notifications not e-mailed yet; returns mails."""
    now = now or timezone.now()
    pending = (
        Notification.objects.filter(
            emailed_at__isnull=True, read_at__isnull=True, created_at__gte=now - DIGEST_WINDOW
        )
        .select_related("user")
        .order_by("user_id", "created_at", "id")
    )
    per_user: dict[int, list[Notification]] = defaultdict(list)
    for notification in pending.iterator(chunk_size=1000):
        per_user[notification.user_id].append(notification)

    sent = 0
    for items in per_user.values():
        user = items[0].user
        if not user.is_active or not user.email:
            continue
        with translation.override(settings.LANGUAGE_CODE):
            body = render_to_string(DIGEST_TEMPLATE, {"notifications": items, "count": len(items)})
        subject, _sep, text = body.partition("\n\n")
        try:
            send_mail(
                subject.strip(), text.strip() + "\n", settings.DEFAULT_FROM_EMAIL, [user.email]
            )
        except Exception:  # noqa: BLE001 - one failing address must not stop the others
            logger.exception("reminder_digest_failed", user_uuid=str(user.uuid))
            continue
        Notification.objects.filter(pk__in=[n.pk for n in items]).update(emailed_at=timezone.now())
        sent += 1
    logger.info("reminder_digests_sent", emails=sent)
    return sent
