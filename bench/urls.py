"""The project's URLs plus a bare view, the baseline a benchmark compares a page with."""

from django.http import HttpResponse
from django.urls import path

from doorbraak.config.urls import handler403, handler404, handler500
from doorbraak.config.urls import urlpatterns as project_urls

__all__ = ["handler403", "handler404", "handler500", "urlpatterns"]


def bare(request):
    """The least a Django response can cost here: the middleware stack, no template, no query."""
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/bare/", bare, name="bench-bare"), *project_urls]
