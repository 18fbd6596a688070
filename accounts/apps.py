from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Comptes"

    def ready(self) -> None:
        # Connects the receiver that records when each session logged in (absolute lifetime).
        from accounts import sessions  # noqa: F401
