from django.apps import AppConfig


class SimulatorConfig(AppConfig):
    name = "simulator"
    verbose_name = "Simulateur"

    def ready(self) -> None:
        from simulator import receivers  # noqa: F401 — connects the receivers
