from django.apps import AppConfig


class AlertsConfig(AppConfig):
    name = "alerts"
    verbose_name = "Alertes"

    def ready(self) -> None:
        from agencies.signals import fetch_run_finished
        from alerts.receivers import rules_run_after_fetch

        fetch_run_finished.connect(rules_run_after_fetch, dispatch_uid="alerts.rules_run_after_fetch")
