"""How the follow-up URLs may be reached (read by the access harness).

- The team overview is the teamleider's only; ``leak_marker`` puts a household without contact
  in the other organisation's harness team, whose reference must never show.
- Every member reads their own notifications; another user's text must never show.
- Marking a notification read is only for the notification's own user. The harness's
  ``foreign_object`` makes a notification for a third user, so every role of both
  organisations must be refused (``roles=set()``); that the owner may mark it read is proved in
  ``test_followup.py``.
"""

from doorbraak.core.roles import Role
from doorbraak.core.tests.access_harness import ALL_ROLES, UrlAccess, team_for
from doorbraak.core.tests.factories import member
from doorbraak.households.tests.factories import household_of


def _stale_household(organisation):
    household = household_of(organisation, team=team_for(organisation), last_contact_on=None)
    return household.reference


def _notification_of_someone(organisation, text="Herinnering"):
    from doorbraak.followup.models import Notification, NotificationKind

    owner = member(role=Role.PROFESSIONAL, organisation=organisation)
    return Notification.objects.create(
        user=owner.user,
        kind=NotificationKind.NO_CONTACT,
        text=text,
        url="/meldingen/",
        dedupe_key=f"harness:{owner.user.uuid}",
    )


def _notification(organisation):
    return {"uuid": _notification_of_someone(organisation).uuid}


def _notification_text(organisation):
    text = f"Geheime melding {organisation.pk}"
    _notification_of_someone(organisation, text=text)
    return text


URLS = {
    "followup:team": UrlAccess(roles={Role.TEAMLEIDER}, leak_marker=_stale_household),
    "followup:notifications": UrlAccess(roles=ALL_ROLES, leak_marker=_notification_text),
    "followup:notification-read": UrlAccess(
        roles=set(), foreign_object=_notification, methods=("POST",)
    ),
}
