from django.conf import settings

from .navigation import items_for


def platform(request):
    actor = getattr(request, "actor", None)
    has_actor = actor is not None and getattr(actor, "membership", None) is not None
    return {
        "DEMO_MODE": settings.DEMO_MODE,
        "SESSION_IDLE_SECONDS": settings.SESSION_COOKIE_AGE,
        "actor": actor if has_actor else None,
        "navigation": items_for(actor, request.path) if has_actor else [],
    }
