"""API URLs of vroegsignalering: intake (see api_urls.py)."""

urlpatterns = []
