"""API URLs of vroegsignalering: ddas (see api_urls.py)."""

from django.urls import re_path

from . import api_ddas

urlpatterns = [
    re_path(
        r"^vroegsignalering/ddas/(?P<gemeente>GM[0-9]{4})/(?P<period>(?:20|21)[0-9]{2}-[0-9]{2})/$",
        api_ddas.DdasMonthView.as_view(),
        name="signals-ddas",
    ),
]
