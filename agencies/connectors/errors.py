"""What can go wrong when asking an agency, in the product's terms.

Clients map each documented status to one of these, chained (`from e`) to the HTTP error. Only
`TransientError` is retried (by the HTTP layer) or counted by the circuit breaker.

Messages are for operators (logs) and may be stored; they are redacted as they are built, since
they often quote the request URL, which carries the person's identity in identity mode.
"""

from agencies.connectors.redaction import redact


class ConnectorError(Exception):
    """Base class. `user_message` is the French sentence a person may see."""

    user_message = "Cet organisme n'a pas pu être interrogé."

    def __init__(self, message: str = "", *args: object):
        super().__init__(redact(str(message)), *args)


class NotFound(ConnectorError):
    user_message = "Aucun dossier à votre nom dans cet organisme."


class ConfigurationError(ConnectorError):
    """401/403: our token, scopes or recipient are wrong. An operator must act."""


class BadIdentityData(ConnectorError):
    """422: the identity we sent does not suit this API (e.g. born in France without a commune)."""

    user_message = "Votre identité ne permet pas d'interroger cet organisme automatiquement."


class RateLimited(ConnectorError):
    user_message = "Cet organisme reçoit trop de demandes ; nous réessaierons plus tard."

    def __init__(self, message: str, *, retry_after: float):
        super().__init__(message)
        self.retry_after = retry_after


class TransientError(ConnectorError):
    """5xx, timeouts, connection failures: worth retrying later."""

    user_message = "Cet organisme ne répond pas pour le moment."


class MalformedAnswer(ConnectorError):
    """The answer does not match the documented shape: nothing is stored."""

    user_message = "La réponse de cet organisme était illisible ; nous n'en avons rien gardé."


class NeedsFranceConnect(ConnectorError):
    """This API can only be asked with the person's fresh FranceConnect token."""

    user_message = "Reconnectez-vous avec FranceConnect pour mettre à jour ces données."
