"""Settings for the demo and for development on one machine over plain http."""

from .base import *  # noqa: F403
from .base import config

DEMO_MODE = config(
    "DOORBRAAK_DEMO_MODE",
    True,
    help_text=(
        "Demo mode: a 'DEMO — geen echte gegevens' banner on every page, and users who have "
        "not enrolled an authenticator app may log in without a second factor. On by default "
        "in the local settings (`make demo`), off by default elsewhere, always off in production."
    ),
    group="core",
)
