from .models import ApiClient, Organisation


def api_clients_for(actor):
    """API clients of the actor's own organisation."""
    if actor.organisation is None:
        return ApiClient.objects.none()
    return ApiClient.objects.filter(organisation=actor.organisation).select_related("created_by")


def organisations_visible_to(actor):
    """The directory of organisations on the platform: public facts, visible to every member."""
    return Organisation.objects.filter(active=True)
