"""URLs of vroegsignalering: intake (see urls.py)."""

urlpatterns = []
