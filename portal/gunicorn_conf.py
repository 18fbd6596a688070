"""gunicorn settings for the web process (`make run` and production)."""

import os

from agencies.connectors.redaction import RedactingFilter, redact
from portal.logs import UTCGunicornLogger

workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = int(os.environ.get("WEB_THREADS", "4"))
timeout = 60
# Load Django once in the master, then warm OpenFisca there (see on_starting), so forked workers
# share its memory pages and no request pays the build.
preload_app = True
accesslog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# gunicorn's control socket (for gunicornc) defaults to one path per user, ~/.gunicorn/gunicorn.ctl,
# which every gunicorn of the machine (the web, the sandboxes, other checkouts) would fight over.
# Nothing here uses gunicornc.
control_socket_disable = True


class RedactingLogger(UTCGunicornLogger):
    """gunicorn's logger (timestamps in UTC) with identity and secrets redacted, as in the
    application's own logs.

    The FranceConnect callback comes back as `/oidc/callback/?code=…&state=…`: the access log keeps
    the path and the parameter names, never their values (request line, query, referer, and any
    header or environ atom a custom `access_log_format` may use). The error log (e.g. an invalid
    request line quoted back) goes through the same filter.
    """

    def setup(self, cfg):
        super().setup(cfg)
        for log in (self.error_log, self.access_log):
            for handler in log.handlers:
                if not any(isinstance(existing, RedactingFilter) for existing in handler.filters):
                    handler.addFilter(RedactingFilter())

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        for name in ("{cookie}i", "{authorization}i", "{http_cookie}e", "{http_authorization}e"):
            if name in atoms:
                atoms[name] = "-"
        return {name: redact(value) if isinstance(value, str) else value for name, value in atoms.items()}


logger_class = RedactingLogger


def on_starting(server):
    """Warm OpenFisca in the master before it listens: until then a request is refused at once
    (connection refused) instead of waiting, unanswered, in the socket's backlog."""
    from simulator.warmup import warm_process

    warm_process()
