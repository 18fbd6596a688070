"""gunicorn settings for the web process (`make run` and production)."""

import os

workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = int(os.environ.get("WEB_THREADS", "4"))
timeout = 60
# Load Django (and, once the simulator lands, the warmed OpenFisca system) once in the master, so
# forked workers share its memory pages.
preload_app = True
accesslog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
