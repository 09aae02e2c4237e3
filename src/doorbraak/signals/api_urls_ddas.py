"""API URLs of vroegsignalering: ddas (see api_urls.py)."""

urlpatterns = []
