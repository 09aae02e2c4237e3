"""How the URLs of vroegsignalering intake may be reached (read by the access harness).

The harness's organisations are gemeenten: no role of a gemeente may use a creditor's pages
(``roles=set()``: all refused with 403, or 404 for a delivery of another organisation). The
positive cases — a creditor's own staff and API client, another creditor's delivery as 404 —
are in ``test_intake_views.py`` and ``test_intake_api.py``. The queue of signals waiting for
routing is for the platform's functioneel beheerder only.
"""

from doorbraak.core.roles import Role
from doorbraak.core.tests.access_harness import UrlAccess


def _delivery(organisation):
    from doorbraak.signals.models import Channel, Delivery

    delivery = Delivery.objects.create(creditor=organisation, channel=Channel.UPLOAD)
    return {"uuid": delivery.uuid}


URLS = {
    "signals:deliver": UrlAccess(roles=set(), methods=("GET", "POST")),
    "signals:template-csv": UrlAccess(roles=set()),
    "signals:template-xlsx": UrlAccess(roles=set()),
    "signals:deliveries": UrlAccess(roles=set()),
    "signals:delivery": UrlAccess(roles=set(), foreign_object=_delivery),
    "signals:delivery-rejected-csv": UrlAccess(roles=set(), foreign_object=_delivery),
    "signals:waiting": UrlAccess(
        roles=set(), methods=("GET", "POST"), platform_roles={Role.FUNCTIONEEL_BEHEERDER}
    ),
    "api:signal-deliveries": UrlAccess(roles=set(), methods=("POST",), api=True),
    "api:signal-delivery": UrlAccess(roles=set(), foreign_object=_delivery, api=True),
}
