import secrets

from django.conf import settings
from django.db import models


def new_token() -> str:
    return secrets.token_urlsafe(24)


class Simulation(models.Model):
    """A questionnaire's answers and its last results.

    A logged-in citizen has one (pre-filled from agency data, computed in the background at login).
    An anonymous person's answers live in their session; a row is written only when they ask for a
    resume link, and expires.
    """

    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="simulation"
    )
    # Raw answers by step ({"profil": {"birth_date": "1990-12-19", ...}, ...}), as the forms post them.
    answers = models.JSONField(default=dict, blank=True)
    # Where pre-filled answers came from: {"profil.birth_date": {"source": "FranceConnect", "date": "..."}}.
    sources = models.JSONField(default=dict, blank=True)
    result = models.JSONField(null=True, blank=True)
    result_key = models.CharField(max_length=64, blank=True)  # hash of the answers the result is for
    computed_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)  # anonymous resume links only
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "simulation"

    def __str__(self) -> str:
        return f"simulation {self.pk} ({'user ' + str(self.user_id) if self.user_id else 'anonyme'})"


class ErrorReport(models.Model):
    """ "Ce résultat vous semble faux ?": what the person expected, with the anonymised situation."""

    situation = models.JSONField()  # anonymised Situation (no ids, birth dates to the month)
    result = models.JSONField()
    benefit_key = models.CharField(max_length=64)
    expected_amount = models.DecimalField(max_digits=9, decimal_places=2, null=True, blank=True)
    comment = models.TextField(max_length=2000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "signalement d'un résultat"

    def __str__(self) -> str:
        return f"signalement {self.pk} sur {self.benefit_key}"


class PartnerApiToken(models.Model):
    """A partner's secret for the simulation API (`Authorization: Bearer <token>`): it raises the
    anonymous rate limit to SIMULATOR_API_PARTNER_RATE, and opens nothing else. Only its hash is kept.

    Apart from the agencies' publishing tokens on purpose: a partner simulating for its public (an
    association, a France Services desk) must never be able to publish to an agency's members.
    """

    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=12)  # shown to tell tokens apart, never enough to use one
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "jeton d'API d'un partenaire du simulateur"

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class ScreeningRun(models.Model):
    """One re-screening of members off their login (``simulator.rescreening``): everyone after a
    legislation or catalogue change, or, nightly, those whose agency data changed since their last
    screening. Its work is split into ``ScreeningChunk`` rows; its counts are the sum of its done
    chunks', written once when the last chunk ends."""

    class Kind(models.TextChoices):
        FULL = "full", "Tous les membres"
        INCREMENTAL = "incremental", "Données des organismes changées"

    class Status(models.TextChoices):
        PLANNING = "planning", "Découpage en cours"
        RUNNING = "running", "En cours"
        DONE = "done", "Terminé"

    kind = models.CharField("membres", max_length=16, choices=Kind.choices)
    status = models.CharField("état", max_length=16, choices=Status.choices, default=Status.PLANNING)
    reason = models.CharField("motif", max_length=200, blank=True)  # "barème d'avril", "nightly"…
    chunk_households = models.PositiveIntegerField("membres par lot")
    # Planning goes through the members by user id; the last one planned, so a lost planning resumes.
    planned_through_user_id = models.BigIntegerField("découpé jusqu'à l'utilisateur", default=0)
    chunks_total = models.PositiveIntegerField("lots", default=0)
    # Written when the run ends, from its chunks (while it runs, the admin sums them).
    households = models.PositiveIntegerField("membres re-criblés", default=0)
    skipped = models.PositiveIntegerField("membres ignorés", default=0)
    members_failed = models.PositiveIntegerField("membres en échec", default=0)
    failed_chunks = models.PositiveIntegerField("lots en échec", default=0)
    started_at = models.DateTimeField("début", auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    finished_at = models.DateTimeField("fin", null=True, blank=True)

    class Meta:
        ordering = ["-started_at"]
        verbose_name = "re-criblage des membres"
        verbose_name_plural = "re-criblages des membres"

    def __str__(self) -> str:
        return f"re-criblage {self.pk} ({self.get_kind_display()}, {self.get_status_display()})"


class ScreeningChunk(models.Model):
    """Members screened together in ONE vectorised simulation: the user ids from ``first_user_id``
    to ``last_user_id`` (all of them with a simulation for a full run; those listed in ``user_ids``
    for an incremental one). A chunk's results and its ``done`` status are written in one
    transaction, by the holder of its latest claim only (``attempts``), so a chunk is never counted
    twice; a claim older than the lease is taken over."""

    class Status(models.TextChoices):
        PENDING = "pending", "En attente"
        RUNNING = "running", "En cours"
        DONE = "done", "Terminé"
        FAILED = "failed", "En échec"

    run = models.ForeignKey(ScreeningRun, on_delete=models.CASCADE, related_name="chunks")
    number = models.PositiveIntegerField()
    first_user_id = models.BigIntegerField()
    last_user_id = models.BigIntegerField()
    user_ids = models.JSONField(null=True, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    queued_at = models.DateTimeField(null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    households = models.PositiveIntegerField(default=0)  # screened and stored
    skipped = models.PositiveIntegerField(default=0)  # incomplete answers, or changed meanwhile
    members_failed = models.PositiveIntegerField(default=0)  # an error on their data alone, not written
    variants = models.PositiveIntegerField(default=0)  # households computed (every variant)
    compute_seconds = models.FloatField(default=0)
    error = models.CharField(max_length=100, blank=True)  # the exception's class, never its text

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["run", "number"], name="simulator_one_chunk_number_per_run")
        ]
        indexes = [models.Index(fields=["run", "status"], name="simulator_chunk_run_status")]
        ordering = ["run", "number"]
        verbose_name = "lot de re-criblage"

    def __str__(self) -> str:
        return f"lot {self.number} du re-criblage {self.run_id}"
