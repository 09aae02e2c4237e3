"""Operations on organisations and their API clients."""

from django.db import transaction
from django.utils import timezone

import structlog

from .models import ApiClient

logger = structlog.get_logger(__name__)


@transaction.atomic
def api_client_aanmaken(*, actor, name: str) -> tuple[ApiClient, str]:
    """Create a client for the actor's organisation; the token is returned once, stored hashed."""
    token, prefix, token_hash = ApiClient.new_token()
    client = ApiClient.objects.create(
        organisation=actor.organisation,
        name=name,
        token_prefix=prefix,
        token_hash=token_hash,
        created_by=actor.user,
    )
    logger.info("api_client_created", client=str(client.uuid), organisation=actor.organisation.pk)
    return client, token


@transaction.atomic
def api_client_intrekken(*, actor, client: ApiClient) -> None:
    if client.revoked_at is None:
        client.revoked_at = timezone.now()
        client.save(update_fields=["revoked_at"])
        logger.info("api_client_revoked", client=str(client.uuid))
