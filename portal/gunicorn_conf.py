"""gunicorn settings for the web process (`make run` and production)."""

import os

workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = int(os.environ.get("WEB_THREADS", "4"))
timeout = 60
# Load Django once in the master, then warm OpenFisca there (when_ready runs in the master before
# the first fork), so forked workers share its memory pages and no request pays the build.
preload_app = True
accesslog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")


def when_ready(server):
    from simulator.warmup import warm_process

    warm_process()
