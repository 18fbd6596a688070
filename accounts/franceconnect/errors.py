class FranceConnectError(Exception):
    """A FranceConnect answer was refused. The message is the precise reason, for the logs only;
    people see a French explanation without the details."""
