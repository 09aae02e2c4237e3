"""URLs of vroegsignalering: ddas (see urls.py)."""

urlpatterns = []
