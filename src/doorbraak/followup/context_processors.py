"""The unread-notification counter in the page header.

Register ``doorbraak.followup.context_processors.notifications`` in ``TEMPLATES``; the header
includes ``followup/_unread_counter.html``.
"""

from .selectors import unread_count


def notifications(request) -> dict:
    user = getattr(request, "user", None)
    actor = getattr(request, "actor", None)
    if (
        user is None
        or not user.is_authenticated
        or actor is None
        or getattr(actor, "membership", None) is None
    ):
        return {"unread_notifications": 0}
    return {"unread_notifications": unread_count(user)}
