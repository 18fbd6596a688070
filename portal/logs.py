"""Log timestamps in UTC with an explicit offset, in every process of the system.

Django sets the process's local time zone to TIME_ZONE (Europe/Paris) when its settings load, so
the web and Celery processes would stamp their lines in Paris time, with no offset, while processes
that never load Django (the sandboxes) stamp theirs in the machine's zone. UTC everywhere, said in
each line, lets the lines of all processes be read in one order. Imports nothing from Django.
"""

import logging
import time

from gunicorn.glogging import Logger


class UTCFormatter(logging.Formatter):
    """`2026-12-04 15:21:13.614+00:00`, whatever the process's local time zone."""

    converter = time.gmtime
    default_time_format = "%Y-%m-%d %H:%M:%S"
    default_msec_format = "%s.%03d+00:00"


class UTCGunicornLogger(Logger):
    """gunicorn's logger with its error log and its access log's `%(t)s` in UTC."""

    datefmt = "[%Y-%m-%d %H:%M:%S +0000]"

    def setup(self, cfg):
        super().setup(cfg)
        for log in (self.error_log, self.access_log):
            for handler in log.handlers:
                if handler.formatter is not None:
                    handler.formatter.converter = time.gmtime

    def now(self):
        return time.strftime("[%d/%b/%Y:%H:%M:%S +0000]", time.gmtime())
