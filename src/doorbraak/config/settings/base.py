"""Settings shared by every environment. Environment-specific modules import from here.

Every value that differs per installation is read through ``config()`` so that
``doorbraak list_settings`` documents it.
"""

import hashlib
from pathlib import Path

import dj_database_url
import structlog
from csp.constants import NONE, SELF

from doorbraak.config.env import config

BASE_DIR = Path(__file__).resolve().parents[4]  # the repository root
PACKAGE_DIR = Path(__file__).resolve().parents[2]  # src/doorbraak

DEBUG = config(
    "DOORBRAAK_DEBUG",
    False,
    help_text="Django debug pages. Never on in production.",
    group="core",
)
SECRET_KEY = config(
    "DOORBRAAK_SECRET_KEY",
    "insecure-local-only-key-change-me-in-production-0123456789abcdef",
    help_text="Django's secret key (signing of sessions and tokens). Required in production.",
    group="core",
)
ALLOWED_HOSTS = config(
    "DOORBRAAK_ALLOWED_HOSTS",
    ["127.0.0.1", "localhost"],
    help_text="Comma-separated host names the platform answers to.",
    group="core",
)
DEMO_MODE = config(
    "DOORBRAAK_DEMO_MODE",
    False,
    help_text=(
        "Demo mode: a 'DEMO — geen echte gegevens' banner on every page, and users who have "
        "not enrolled an authenticator app may log in without a second factor. Never in production."
    ),
    group="core",
)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.forms",
    # third party
    "axes",
    "csp",
    "django_htmx",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_tasks",
    "django_tasks_db",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "rest_framework",
    "rules.apps.AutodiscoverRulesConfig",
    "simple_history",
    # Doorbraak
    "doorbraak.core",
    "doorbraak.accounts",
    "doorbraak.audit",
    "doorbraak.households",
    "doorbraak.plans",
    "doorbraak.rekensom",
    "doorbraak.legal",
    "doorbraak.escalation",
    "doorbraak.register",
    "doorbraak.signals",
    "doorbraak.monitor",
    "doorbraak.youth",
    "doorbraak.followup",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "doorbraak.accounts.middleware.SecondFactorRequiredMiddleware",
    "doorbraak.core.middleware.ActorMiddleware",
    "doorbraak.audit.middleware.TraceContextMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Axes last: it turns a lockout signal into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "doorbraak.config.urls"
WSGI_APPLICATION = "doorbraak.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "doorbraak.core.context_processors.platform",
                "doorbraak.followup.context_processors.notifications",
            ],
        },
    },
]
FORM_RENDERER = "doorbraak.core.forms.NLDSFormRenderer"

DATABASES = {
    "default": dj_database_url.parse(
        config(
            "DATABASE_URL",
            f"sqlite:///{BASE_DIR / 'var' / 'doorbraak.sqlite3'}",
            help_text=(
                "Database URL. SQLite for the demo; PostgreSQL in production, e.g. "
                "postgres://doorbraak@db.example.nl:5432/doorbraak."
            ),
            group="core",
        ),
        conn_max_age=config(
            "DOORBRAAK_DB_CONN_MAX_AGE",
            60,
            help_text="Seconds a database connection is kept open for reuse.",
            group="core",
        ),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the task worker and the web server use the file at the same time.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Sessions: expire after a period without activity (BIO: automatic lock of idle sessions).
SESSION_IDLE_MINUTES = config(
    "DOORBRAAK_SESSION_IDLE_MINUTES",
    15,
    help_text=(
        "Minutes without activity after which a session ends. A warning shows two minutes before."
    ),
    group="security",
)
SESSION_COOKIE_AGE = SESSION_IDLE_MINUTES * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "doorbraak.core.views.csrf_failure"

# Lockout after repeated failed logins (django-axes).
AXES_FAILURE_LIMIT = config(
    "DOORBRAAK_LOCKOUT_FAILURES",
    5,
    help_text="Failed logins for one account after which it is locked.",
    group="security",
)
AXES_COOLOFF_TIME = (
    config(
        "DOORBRAAK_LOCKOUT_MINUTES",
        15,
        help_text="Minutes a locked account stays locked.",
        group="security",
        cast=int,
    )
    / 60
)
# Lock an account after N failures, and an address that tries many accounts.
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_USERNAME_FORM_FIELD = "username"

OTP_TOTP_ISSUER = config(
    "DOORBRAAK_OTP_ISSUER",
    "Doorbraak",
    help_text="Name shown in the authenticator app next to the account.",
    group="security",
)

# Keys for personal data. Distinct from SECRET_KEY so that rotating one does not break the other.
PSEUDONYM_KEY = config(
    "DOORBRAAK_PSEUDONYM_KEY",
    hashlib.sha256(("pseudonym:" + SECRET_KEY).encode()).hexdigest(),
    help_text=(
        "Key for the keyed hash that pseudonymises data subjects in the processing log and "
        "finds BSNs again. Required in production; never change it once data exists."
    ),
    group="security",
)
FIELD_ENCRYPTION_KEY = config(
    "DOORBRAAK_FIELD_ENCRYPTION_KEY",
    "",
    help_text=(
        "Key in Fernet's format (urlsafe base64, 32 bytes) that encrypts BSNs and other "
        "identifiers at rest: AES-256-GCM under a key derived from it; values written with "
        "Fernet before 2026-12 are still read. Required in production; locally a key is "
        "derived from the secret key."
    ),
    group="security",
)

# The public stapeling pages of the dashboard read the synthetic person-level Parquet file that
# `doorbraak load_demo` writes here (never real microdata: the pages are public); the results
# are cached per file mtime.
STAPELING_PARQUET = config(
    "DOORBRAAK_STAPELING_PARQUET",
    str(BASE_DIR / "var" / "stapeling" / "synthetisch.parquet"),
    help_text=(
        "Synthetic person-level Parquet file for the public stapeling pages of the dashboard "
        "(made by `doorbraak synth_population`; `load_demo` writes one here)."
    ),
    group="monitor",
)

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = None  # production collects into DOORBRAAK_STATIC_ROOT (see production.py)
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = False

EMAIL_BACKEND = config(
    "DOORBRAAK_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend",
    help_text=(
        "Django e-mail backend; smtp in production (django.core.mail.backends.smtp.EmailBackend)."
    ),
    group="mail",
)
EMAIL_HOST = config("DOORBRAAK_EMAIL_HOST", "localhost", help_text="SMTP host.", group="mail")
EMAIL_PORT = config("DOORBRAAK_EMAIL_PORT", 25, help_text="SMTP port.", group="mail")
EMAIL_USE_TLS = config(
    "DOORBRAAK_EMAIL_USE_TLS", False, help_text="STARTTLS to the SMTP host.", group="mail"
)
DEFAULT_FROM_EMAIL = config(
    "DOORBRAAK_FROM_EMAIL",
    "Doorbraak <noreply@doorbraak.local>",
    help_text="Sender of the platform's e-mail.",
    group="mail",
)

# Background work: django-tasks with its database backend; `doorbraak db_worker` runs them.
TASKS = {
    "default": {
        "BACKEND": config(
            "DOORBRAAK_TASK_BACKEND",
            "django_tasks_db.DatabaseBackend",
            help_text="django-tasks backend. The database backend needs a running `db_worker`.",
            group="tasks",
        ),
    }
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "doorbraak.core.api_auth.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.CursorPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Doorbraak API",
    "DESCRIPTION": (
        "REST API of the Doorbraak platform. System clients authenticate with an API token "
        "of their organisation: `Authorization: Token <token>`."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
}

# Content Security Policy: no inline script or style anywhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Structured logging without personal data: log ids and pseudonyms, never names or BSNs.
LOG_LEVEL = config(
    "DOORBRAAK_LOG_LEVEL", "INFO", help_text="Log level of the platform.", group="core"
)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": structlog.stdlib.ProcessorFormatter,
            "processor": structlog.processors.JSONRenderer(),
            "foreign_pre_chain": [
                structlog.stdlib.add_log_level,
                structlog.stdlib.add_logger_name,
                structlog.processors.TimeStamper(fmt="iso"),
            ],
        },
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "doorbraak": {"handlers": ["console"], "level": LOG_LEVEL, "propagate": False},
        "django_tasks": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}
structlog.configure(
    processors=[
        structlog.contextvars.merge_contextvars,
        structlog.stdlib.add_log_level,
        structlog.processors.TimeStamper(fmt="iso"),
        structlog.stdlib.ProcessorFormatter.wrap_for_formatter,
    ],
    logger_factory=structlog.stdlib.LoggerFactory(),
    cache_logger_on_first_use=True,
)

# Home-made settings of the platform itself.
SMALL_CELL_THRESHOLD = config(
    "DOORBRAAK_SMALL_CELL_THRESHOLD",
    10,
    help_text="Counts below this number are shown as '<N' in statistics.",
    group="privacy",
)
AUDIT_PAGE_SIZE = 100
NO_CONTACT_WEEKS = config(
    "DOORBRAAK_NO_CONTACT_WEEKS",
    6,
    help_text=(
        "Weeks without contact after which a household shows on the teamleider's overview "
        "and its case manager gets a reminder."
    ),
    group="followup",
)
SIGNALS_UPLOAD_MAX_MB = config(
    "DOORBRAAK_SIGNALS_UPLOAD_MAX_MB",
    60,
    help_text="Largest file of signals (CSV or XLSX) a creditor may upload, in megabytes.",
    group="vroegsignalering",
)
