"""Loader for CBS open data (OData v3): ``manage.py fetch_cbs <table>``; see README.md.

``client`` needs no Django; ``store`` writes the monitor models.
"""

from .client import CbsClient, CbsError, CbsUnavailable

__all__ = ["CbsClient", "CbsError", "CbsUnavailable"]
