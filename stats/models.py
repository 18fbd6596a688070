"""What the public statistics are made of: counters of events no other table keeps, and the
snapshots the page reads."""

from django.db import models
from django.utils import timezone


class DailyCount(models.Model):
    """How many times one event happened on one day, without anyone's identity.

    Only for what the product does not otherwise keep: a login, a simulation (an anonymous one lives
    in its session only), a click to an agency's procedure. `key` tells apart what is counted within
    an event (`caf:rsa` for a click to the CAF's RSA procedure), never a person.
    """

    class Event(models.TextChoices):
        LOGIN_CITIZEN = "login_citizen", "Connexion d'un usager"
        LOGIN_AGENT = "login_agent", "Connexion d'un agent"
        SIMULATION_ANONYMOUS = "simulation_anonymous", "Simulation sans connexion"
        SIMULATION_LOGGED_IN = "simulation_logged_in", "Simulation d'une personne connectée"
        PROCEDURE_CLICK = "procedure_click", "Clic vers la démarche d'un organisme"

    event = models.CharField(max_length=32, choices=Event.choices)
    key = models.CharField(max_length=100, blank=True)
    day = models.DateField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "compteur quotidien"
        constraints = [
            models.UniqueConstraint(fields=["event", "key", "day"], name="stats_one_count_per_event_key_day")
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.event} {self.key} = {self.count}"


class Snapshot(models.Model):
    """The figures the public page shows, computed by a periodic task; one per day, the day's last
    computation replacing the earlier ones. `data` holds raw counts: the page hides the small ones."""

    day = models.DateField(unique=True)
    computed_at = models.DateTimeField(default=timezone.now)
    data = models.JSONField()

    class Meta:
        ordering = ["-computed_at"]
        verbose_name = "instantané des statistiques"
        verbose_name_plural = "instantanés des statistiques"

    def __str__(self) -> str:
        return f"statistiques du {self.day}"
