"""API URLs of the escalation app, included in the "api" namespace (names become api:<name>)."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
