"""API URLs of vroegsignalering: work (see api_urls.py)."""

urlpatterns = []
