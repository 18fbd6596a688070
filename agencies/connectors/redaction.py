"""Redaction of who a person is, and of secrets, from every text that leaves the process.

One function, `redact`, serves both paths: log lines (`RedactingFilter`, installed on every handler
of `LOGGING` and on gunicorn's logs) and stored errors (`ConnectorError` redacts its own message).
Identity-mode agency calls carry the identité pivot in their query string (`nomNaissance`,
`prenoms[]`, birth date and place...), and urllib3, requests and the agencies' error bodies repeat
that URL; OAuth and OpenID Connect put codes, states and tokens in URLs, forms and headers.

It works on parameter *names*, so a log line keeps its shape and what it is about (the endpoint,
which parameter, the status) without the values. It imports nothing from Django: gunicorn's
configuration uses it before Django is set up.
"""

import logging
import re
from urllib.parse import unquote

REDACTED = "[redacted]"

# A parameter is sensitive when its name (lower-cased, URL-decoded) contains one of these: names,
# prénoms, sexe, birth date and place, codes and identifiers, addresses, contact details, tokens
# and secrets. Over-redacting a harmless value costs little; under-redacting leaks a person.
_SENSITIVE_PARTS = (
    "nom", "prenom", "naissance", "sexe", "gender", "birth", "name", "identifiant", "identifier",
    "adresse", "address", "mail", "telephone", "phone", "codecog", "codeinsee", "codepostal",
    "codesbcn", "departement", "commune", "pays", "fiscal", "allocataire", "matricule", "nir",
    "token", "secret", "password", "authorization", "oauth", "apikey", "api_key", "cookie",
    "session", "input_value",
)  # fmt: skip
# Short names that would match too much as parts: OAuth's `code` and `state`, OIDC's `nonce`, `sub`.
_SENSITIVE_NAMES = frozenset({"code", "state", "nonce", "sub", "ine", "siren", "numero", "key"})

# `name=value` as in query strings, form bodies and reprs (`Retry(total=0, ...)` stays readable).
_PAIR = re.compile(r"(?P<name>[A-Za-z_][\w.%\[\]-]*)=(?P<value>[^&\s'\",;)]*)")
# `"name": "value"` or `'name': 'value'` as in JSON bodies and dict reprs (headers, claims); a flat
# list of values (`"prenoms": ["A", "B"]`) as one value.
_QUOTED_PAIR = re.compile(
    r"(?P<q>[\"'])(?P<name>[A-Za-z_][\w.\[\]-]*)(?P=q)(?P<sep>\s*:\s*)"
    r"(?P<value>\"(?:[^\"\\]|\\.)*(?:\"|$)|'(?:[^'\\]|\\.)*(?:'|$)|\[[^\[\]{}]*(?:\]|$)|[^,{}\[\]\s\"']+)"
)
# Credentials in an Authorization header, wherever it is printed.
_CREDENTIALS = re.compile(r"(?i)\b(?P<scheme>bearer|basic)\s+[A-Za-z0-9._~+/=-]+")
# pydantic prints the rejected input, which may be a whole answer about the person.
_PYDANTIC_INPUT = re.compile(r"input_value=.*?(?=, input_type=|\]$|$)", re.MULTILINE)


def is_sensitive(name: str) -> bool:
    """Whether a parameter, field or header of this name may carry identity or a secret."""
    key = unquote(name).lower().removesuffix("[]")
    return key in _SENSITIVE_NAMES or any(part in key for part in _SENSITIVE_PARTS)


def _pair(match: re.Match) -> str:
    if not is_sensitive(match["name"]):
        return match[0]
    return f"{match['name']}={REDACTED}"


# The agencies' error bodies say `"code": "01001"`: a short number is an error code, not OAuth's.
_ERROR_CODE = re.compile(r"[\"']?\d{1,6}[\"']?")


def _quoted_pair(match: re.Match) -> str:
    if not is_sensitive(match["name"]):
        return match[0]
    if match["name"].lower() == "code" and _ERROR_CODE.fullmatch(match["value"]):
        return match[0]
    return f"{match['q']}{match['name']}{match['q']}{match['sep']}{match['q']}{REDACTED}{match['q']}"


def redact(text: str) -> str:
    """`text` with the values of identity and secret parameters replaced by `[redacted]`."""
    if not text:
        return text
    text = _PYDANTIC_INPUT.sub(f"input_value={REDACTED}", text)
    text = _CREDENTIALS.sub(lambda match: f"{match['scheme']} {REDACTED}", text)
    text = _QUOTED_PAIR.sub(_quoted_pair, text)
    return _PAIR.sub(_pair, text)


class RedactingFilter(logging.Filter):
    """Redacts a record's message, traceback and stack before any handler writes it.

    Installed on handlers (a logger's own filters do not see records propagated from its children),
    it changes the record in place, so every later handler gets the redacted text.
    """

    _formatter = logging.Formatter()

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a malformed call: the handler reports it as logging always does
            return True
        redacted = redact(message)
        if redacted != message:
            record.msg, record.args = redacted, None
        if record.exc_info and not record.exc_text:
            record.exc_text = self._formatter.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True
