"""analytics views (being written)."""

urlpatterns: list = []
