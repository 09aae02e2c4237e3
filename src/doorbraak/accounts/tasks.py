"""Background tasks of authentication: security notices by e-mail."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation

from django_tasks import task

from doorbraak.core.models import User

NOTICES = {
    "device_enrolled": "accounts/email/device_enrolled.txt",
    "logged_out_everywhere": "accounts/email/logged_out_everywhere.txt",
    "backup_codes_renewed": "accounts/email/backup_codes_renewed.txt",
}


@task()
def send_security_notice(user_uuid: str, notice: str) -> bool:
    """Tell a user that their account's security changed, so that misuse is noticed."""
    user = User.objects.filter(uuid=user_uuid, is_active=True).first()
    if user is None or not user.email:
        return False
    with translation.override(settings.LANGUAGE_CODE):
        body = render_to_string(NOTICES[notice], {"user": user})
        subject, _, text = body.partition("\n\n")
    send_mail(subject.strip(), text.strip() + "\n", settings.DEFAULT_FROM_EMAIL, [user.email])
    return True
