"""Settings for the benchmarks: the local settings, served by gunicorn without debug.

The database comes from DATABASE_URL, which the benchmark points at a throwaway SQLite file.
"""

from doorbraak.config.settings.local import *  # noqa: F403

# A user who never enrolled an authenticator app logs in with a password only.
DEMO_MODE = True
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1"]
ROOT_URLCONF = "bench.urls"
