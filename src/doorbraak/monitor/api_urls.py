"""API URLs of the monitor app, included in the "api" namespace (names become api:<name>)."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
