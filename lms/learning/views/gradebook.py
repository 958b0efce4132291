"""gradebook views (being written)."""

urlpatterns: list = []
