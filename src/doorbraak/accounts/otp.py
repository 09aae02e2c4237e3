"""Second factor: TOTP devices, backup codes, and the rule of when a second factor is needed."""

import secrets

from django.conf import settings

import segno
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

BACKUP_CODE_COUNT = 10
TOTP_DEVICE_NAME = "authenticator"
BACKUP_DEVICE_NAME = "backup"


def has_confirmed_device(user) -> bool:
    return (
        TOTPDevice.objects.filter(user=user, confirmed=True).exists()
        or StaticDevice.objects.filter(user=user, confirmed=True, token_set__isnull=False).exists()
    )


def second_factor_satisfied(request) -> bool:
    """Outside demo mode a verified second factor is always required.

    In demo mode, users who never enrolled an authenticator may go on without one; users who
    did enrol still have to use it, so the demo shows the real flow too.
    """
    user = request.user
    if not user.is_authenticated:
        return True
    if user.is_verified():
        return True
    return settings.DEMO_MODE and not has_confirmed_device(user)


def pending_totp_device(user) -> TOTPDevice:
    """The unconfirmed device of an enrolment in progress, created on first use."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-id").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=False)
    return device


def provisioning_qr_svg(device: TOTPDevice) -> str:
    """The otpauth:// URL as an inline SVG QR code, made on the server (no script, no CDN)."""
    qr = segno.make(device.config_url, error="m")
    return qr.svg_inline(scale=5, dark="#000000", light="#ffffff", omitsize=False, title="QR-code")


def base32_secret(device: TOTPDevice) -> str:
    import base64

    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def new_backup_codes(user) -> list[str]:
    """Replace the user's backup codes with ten new single-use ones and return them once."""
    device, _ = StaticDevice.objects.get_or_create(user=user, name=BACKUP_DEVICE_NAME)
    device.confirmed = True
    device.save()
    device.token_set.all().delete()
    codes = [f"{secrets.randbelow(10**8):08d}" for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


def backup_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()
