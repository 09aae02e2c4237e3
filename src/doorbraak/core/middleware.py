from django.utils.functional import SimpleLazyObject

from .actors import actor_for_session


class ActorMiddleware:
    """Puts ``request.actor`` (user, organisation, role) on every request, lazily."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not hasattr(request, "actor"):
            request.actor = SimpleLazyObject(lambda: actor_for_session(request))
        return self.get_response(request)
