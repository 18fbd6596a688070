from django.apps import AppConfig


class StatsConfig(AppConfig):
    name = "stats"
    verbose_name = "Statistiques publiques"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from simulator.signals import simulation_computed
        from stats.receivers import login_count, simulation_count

        user_logged_in.connect(login_count, dispatch_uid="stats.login_count")
        simulation_computed.connect(simulation_count, dispatch_uid="stats.simulation_count")
