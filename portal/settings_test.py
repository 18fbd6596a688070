"""Test settings: the real settings on PostgreSQL and Redis, with a few speed-ups.

The suite runs on PostgreSQL (DATABASE_URL, default the local `test` database) and a real Celery
worker on Redis; there is no eager mode.
"""

import os
import uuid

os.environ["ENV_FILE"] = ""  # a developer's demo .env must not change the tests
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("SECRET_KEY", "test-secret-key-" + "x" * 50)
os.environ.setdefault("HTTPS", "false")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/test")
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/14")
# The cache gets its own database, so that clearing it between tests never touches Celery's queues.
os.environ.setdefault("CACHE_REDIS_URL", "redis://127.0.0.1:6379/15")
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
os.environ.setdefault("EMAIL_URL", "memorymail://")
# The whole suite calls from 127.0.0.1 with a cache cleared once per run: generous limits, so that
# only the tests of the limits themselves (which set tight ones) meet them.
for _name in (
    "SIMULATOR_RECAP_EMAIL_RATE_SESSION",
    "SIMULATOR_RECAP_EMAIL_RATE_IP",
    "SIMULATOR_RECAP_EMAIL_RATE_ADDRESS",
):
    os.environ.setdefault(_name, "1000/h")
os.environ.setdefault("SIMULATOR_API_ANON_RATE", "1000/min")
# Replaced, test by test, with the address of the FranceConnect sandbox started for the session.
os.environ.setdefault("FRANCECONNECT_ISSUER", "http://127.0.0.1:9/api/v2")
for _name, _value in {
    "AGENCIES_API_PARTICULIER_URL": "http://127.0.0.1:9",
    "AGENCIES_API_PARTICULIER_TOKEN": "mesdroits-agencies-sandbox-token",
    "AGENCIES_IMPOT_PARTICULIER_URL": "http://127.0.0.1:9/impotparticulier/1.0",
    "AGENCIES_IMPOT_PARTICULIER_TOKEN_URL": "http://127.0.0.1:9/token",
    "AGENCIES_IMPOT_PARTICULIER_CLIENT_ID": "mesdroits-dgfip",
    "AGENCIES_IMPOT_PARTICULIER_CLIENT_SECRET": "mesdroits-dgfip-sandbox-secret",
}.items():
    os.environ.setdefault(_name, _value)
os.environ.setdefault("FRANCECONNECT_CLIENT_ID", "mesdroits-demo")
os.environ.setdefault(
    "FRANCECONNECT_CLIENT_SECRET", "mesdroits-demo-secret-for-the-local-sandbox-only-0123456789abcdef"
)
# Playwright's sync API runs an event loop in the test thread; Django's async-safety guard would
# then refuse ORM calls made by the test itself (pytest-playwright documents the same setting).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from portal.settings import *  # noqa: E402, F403
from portal.settings import STORAGES  # noqa: E402

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
# Each test run gets its own queue, so a `make run` worker on the same Redis never steals its tasks.
CELERY_TASK_DEFAULT_QUEUE = f"tests-{uuid.uuid4().hex[:8]}"
TEMPLATES[0]["OPTIONS"]["string_if_invalid"] = "«UNDEFINED:%s»"  # noqa: F405
# Serve static files from the apps' folders, without collectstatic, as in development.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
