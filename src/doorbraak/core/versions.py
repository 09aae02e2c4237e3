"""Published versions of reference data (unit costs, legal provisions): load once, never change.

A catalogue model has ``version`` (unique) and ``is_current`` (at most one). Loading a version
that is already there leaves it exactly as it is; a correction is a new version. Plans point at
the version they were made with, so an old version stays readable.
"""

from collections.abc import Callable


def load_version(model, version: str, *, fields: dict, fill: Callable, make_current: bool):
    """(catalogue, created): create the version with ``fields`` and ``fill(catalogue)`` once."""
    catalogue = model.objects.filter(version=version).first()
    created = catalogue is None
    if created:
        catalogue = model.objects.create(version=version, **fields)
        fill(catalogue)
    if make_current and not catalogue.is_current:
        model.objects.filter(is_current=True).update(is_current=False)
        model.objects.filter(pk=catalogue.pk).update(is_current=True)
        catalogue.is_current = True
    return catalogue, created
