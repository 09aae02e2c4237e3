"""The Landelijk Maatwerkregister: who may decide on maatwerk, where, for which laws."""

from django.db import models  # noqa: F401
