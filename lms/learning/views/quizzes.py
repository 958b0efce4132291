"""quizzes views (being written)."""

urlpatterns: list = []
