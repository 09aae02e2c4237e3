from doorbraak.audit.models import ProcessingActivity
from doorbraak.core.roles import Role
from doorbraak.core.tests.access_harness import UrlAccess


def _activity(organisation):
    # The register is platform-wide: there is no "other organisation's" activity.
    return {"uuid": ProcessingActivity.objects.get(code="verwerkingenlog-inzien").uuid}


def _log_entry_detail(organisation):
    """A processing-log record made by, and about data of, the other organisation."""
    from doorbraak.audit.services import log_processing
    from doorbraak.core.tests.factories import actor_for, member

    detail = f"verwerking door {organisation.name}"
    actor = actor_for(member(role=Role.PROFESSIONAL, organisation=organisation))
    log_processing(actor, "verwerkingenlog-inzien", "read", controller=organisation, detail=detail)
    return detail


URLS = {
    "audit:log": UrlAccess(roles={Role.PRIVACY_OFFICER}, leak_marker=_log_entry_detail),
    "audit:log-export": UrlAccess(roles={Role.PRIVACY_OFFICER}, leak_marker=_log_entry_detail),
    "audit:activities": UrlAccess(roles={Role.PRIVACY_OFFICER, Role.FUNCTIONEEL_BEHEERDER}),
    "audit:activity-detail": UrlAccess(
        roles={Role.PRIVACY_OFFICER, Role.FUNCTIONEEL_BEHEERDER},
        foreign_object=_activity,
        shared=True,
    ),
    # Changing the register: a functioneel beheerder of the platform organisation only.
    "audit:activity-create": UrlAccess(
        roles=set(), methods=("GET", "POST"), platform_roles={Role.FUNCTIONEEL_BEHEERDER}
    ),
    "audit:activity-edit": UrlAccess(
        roles=set(),
        foreign_object=_activity,
        shared=True,
        methods=("GET", "POST"),
        platform_roles={Role.FUNCTIONEEL_BEHEERDER},
    ),
}
