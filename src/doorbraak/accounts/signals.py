from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

import structlog

logger = structlog.get_logger("doorbraak.accounts")


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs):
    logger.info("password_login", user=str(user.uuid))


@receiver(user_login_failed)
def _login_failed(sender, credentials, request=None, **kwargs):
    # No user name in the log line: it may be a mistyped password.
    logger.info("password_login_failed")
