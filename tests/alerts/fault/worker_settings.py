"""Settings of the worker subprocesses of the fault tests: the test settings, with an e-mail backend
that is slow on demand and counts messages in files (tests/alerts/backends.py)."""

from portal.settings_test import *  # noqa: F403

EMAIL_BACKEND = "tests.alerts.backends.SlowFileBackend"
