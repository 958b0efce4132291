"""assignments views (being written)."""

urlpatterns: list = []
