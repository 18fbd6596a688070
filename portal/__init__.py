"""The shell of Mes Droits: settings, URLs, the Celery app, base templates and site-wide views
(home page, health). It owns no business concept; the product apps plug into it."""

from .celery_app import app as celery_app

__all__ = ["celery_app"]
