from django.apps import AppConfig


class RightsConfig(AppConfig):
    name = "rights"
    verbose_name = "Droits"

    def ready(self) -> None:
        from agencies.signals import fetch_run_finished
        from rights.receivers import rebuild_after_fetch

        fetch_run_finished.connect(rebuild_after_fetch, dispatch_uid="rights.rebuild_after_fetch")
