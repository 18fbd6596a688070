from django.conf import settings
from django.db import models
from django.utils import timezone

from agencies.registry import AGENCY_CHOICES
from agencies.sources import SOURCE_CHOICES


class AgentMembership(models.Model):
    """An agent works for one organism; an agency administrator may invite other agents to it."""

    class Role(models.TextChoices):
        AGENT = "agent", "Agent"
        ADMIN = "admin", "Administrateur de l'organisme"

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership")
    agency = models.CharField("organisme", max_length=32, choices=AGENCY_CHOICES)
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.AGENT)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "rattachement d'un agent"

    def __str__(self) -> str:
        return f"{self.user} — {self.get_agency_display()} ({self.get_role_display()})"


class Consent(models.Model):
    """A person's agreement that Mes Droits fetches one source's data. Revoked consents stay, dated."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="consents")
    source = models.CharField(max_length=32, choices=SOURCE_CHOICES)
    granted_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)
    # e.g. the France Travail identifier, which the person gives with their consent.
    identifier = models.CharField(max_length=32, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "source"], name="agencies_one_consent_per_source")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.source} ({'révoqué' if self.revoked_at else 'accordé'})"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class AgencyData(models.Model):
    """The last good answer of one dataset for one person, with when it was fetched.

    A failed fetch never overwrites it: the page shows it with its date and a "stale" label.
    """

    class Status(models.TextChoices):
        FOUND = "found", "Données reçues"
        NOT_FOUND = "not_found", "Aucun dossier"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="agency_data")
    source = models.CharField(max_length=32, choices=SOURCE_CHOICES)
    dataset = models.CharField(max_length=64)
    organism = models.CharField(max_length=32, choices=AGENCY_CHOICES)
    status = models.CharField(max_length=16, choices=Status.choices)
    payload = models.JSONField(default=dict, blank=True)
    fetched_at = models.DateTimeField()
    last_attempt_at = models.DateTimeField()
    last_error = models.CharField(max_length=255, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "source", "dataset"], name="agencies_one_row_per_dataset")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.source}/{self.dataset} {self.status}"

    @property
    def is_stale(self) -> bool:
        return bool(self.last_error) or self.last_attempt_at > self.fetched_at


class FetchRun(models.Model):
    """One fetch of a person's data from every consented source; `progress` is per source."""

    class Status(models.TextChoices):
        PENDING = "pending", "En attente"
        RUNNING = "running", "En cours"
        DONE = "done", "Terminé"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="fetch_runs")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    purpose = models.CharField("motif, pour le journal", max_length=64, default="connexion")
    progress = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"run {self.pk} of {self.user_id} ({self.status})"


class JournalEntry(models.Model):
    """Append-only record of each access to a person's data: connector calls and displays.

    Never data values or tokens. Database triggers refuse UPDATE, and DELETE of rows younger than
    the minimum retention (see the migrations); the purge task removes older rows.

    When a person deletes their account, the rows about them must stay for the retention period
    but without identity: `person_id` becomes NULL and an actor "citizen:<id>" becomes "citizen".
    That one UPDATE is the only one the trigger lets through (0005_journal_anonymisation).
    """

    class Outcome(models.TextChoices):
        OK = "ok", "Réussi"
        NOT_FOUND = "not_found", "Aucun dossier"
        ERROR = "error", "Échec"
        SKIPPED = "skipped", "Non appelé"
        DISPLAYED = "displayed", "Affiché"

    # Not a foreign key: the journal outlives accounts. NULL: the person deleted their account.
    person_id = models.BigIntegerField(db_index=True, null=True)
    actor = models.CharField(max_length=64)
    at = models.DateTimeField(default=timezone.now, db_index=True)
    source = models.CharField(max_length=32)
    endpoint = models.CharField(max_length=255)
    purpose = models.CharField(max_length=255)
    outcome = models.CharField(max_length=16, choices=Outcome.choices)

    class Meta:
        ordering = ["-at"]
        verbose_name = "entrée du journal des accès"

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor} {self.source} {self.endpoint} {self.outcome}"
