"""E-mail backends for the alerts' tests (test code, never shipped in the product)."""

import os
import smtplib
import time
from pathlib import Path

from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend


class FlakyBackend(LocmemBackend):
    """Raises the errors queued in `FlakyBackend.errors`, one per send, then delivers to mail.outbox."""

    errors: list[Exception] = []

    def send_messages(self, messages):
        if FlakyBackend.errors:
            raise FlakyBackend.errors.pop(0)
        return super().send_messages(messages)


def transient() -> Exception:
    return smtplib.SMTPServerDisconnected("connexion perdue")


def permanent() -> Exception:
    return smtplib.SMTPRecipientsRefused({"x@example.org": (550, b"no such user")})


class SlowFileBackend(BaseEmailBackend):
    """Sleeps ALERTS_TEST_EMAIL_DELAY seconds, then writes one file per message into
    ALERTS_TEST_MAIL_DIR: a delivery a test can interrupt, and count across processes."""

    def send_messages(self, messages):
        time.sleep(float(os.environ.get("ALERTS_TEST_EMAIL_DELAY", "0")))
        directory = Path(os.environ["ALERTS_TEST_MAIL_DIR"])
        for message in messages:
            delivery = message.extra_headers.get("X-Mes-Droits-Delivery", "x")
            path = directory / f"{delivery}-{time.time_ns()}.eml"
            path.write_bytes(message.message().as_bytes())
        return len(messages)
