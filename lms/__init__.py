"""Campus: the Django project and everything that happens to a learner."""

from .celery import app as celery_app

__all__ = ("celery_app",)
