"""Production: HTTPS only, secrets required, no demo shortcuts. `check --deploy` is clean."""

from .base import *  # noqa: F403
from .base import config

DEBUG = False
DEMO_MODE = False
SECRET_KEY = config(
    "DOORBRAAK_SECRET_KEY",
    help_text="Django's secret key; at least 50 random characters.",
    group="core",
)
PSEUDONYM_KEY = config(
    "DOORBRAAK_PSEUDONYM_KEY",
    help_text="Key of the pseudonymisation hash.",
    group="security",
)
FIELD_ENCRYPTION_KEY = config(
    "DOORBRAAK_FIELD_ENCRYPTION_KEY",
    help_text="Key (Fernet format) for encrypted fields; see base.py.",
    group="security",
)
SECURE_SSL_REDIRECT = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = config(
    "DOORBRAAK_HSTS_SECONDS",
    31_536_000,
    help_text="HSTS max-age in production (one year by default).",
    group="security",
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
STATIC_ROOT = config(
    "DOORBRAAK_STATIC_ROOT",
    str(BASE_DIR / "var" / "static"),  # noqa: F405
    help_text="Folder that `collectstatic` fills and WhiteNoise serves in production.",
    group="core",
)
WHITENOISE_USE_FINDERS = False
