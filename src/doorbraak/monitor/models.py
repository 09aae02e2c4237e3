"""Area statistics for the dashboard sociale impact (public figures, no personal data)."""

from django.db import models  # noqa: F401
