"""URLs of vroegsignalering: work (see urls.py)."""

urlpatterns = []
