from django.conf import settings
from django.db import models

from agencies.registry import AGENCY_CHOICES


class Right(models.Model):
    """One benefit for one person: from agency data (open, to renew, closed) or from the simulator
    (potential). Rebuilt idempotently; `key` is the catalogue's benefit key."""

    class Domain(models.TextChoices):
        SANTE = "sante", "Santé"
        FAMILLE = "famille", "Famille"
        LOGEMENT = "logement", "Logement"
        SOLIDARITE = "solidarite", "Solidarité"
        RETRAITE = "retraite", "Retraite"
        EMPLOI = "emploi", "Emploi"

    class Status(models.TextChoices):
        OPEN = "open", "Ouvert"
        RENEWAL_DUE = "renewal_due", "À renouveler bientôt"
        CLOSED = "closed", "Clos"
        POTENTIAL = "potential", "Potentiel"

    class Periodicity(models.TextChoices):
        MONTHLY = "mensuelle", "par mois"
        YEARLY = "annuelle", "par an"
        ONCE = "ponctuelle", "une fois"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="rights")
    key = models.CharField("prestation (clé du catalogue)", max_length=64)
    domain = models.CharField(max_length=16, choices=Domain.choices)
    organism = models.CharField(max_length=32, choices=AGENCY_CHOICES)
    status = models.CharField(max_length=16, choices=Status.choices)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    # Next quarterly declaration (RSA, prime d'activité) when the right has one.
    next_declaration_due = models.DateField(null=True, blank=True)
    amount = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    amount_is_estimate = models.BooleanField(default=False)
    periodicity = models.CharField(max_length=16, choices=Periodicity.choices, blank=True)
    payments = models.JSONField("derniers versements", default=list, blank=True)  # [{"date", "amount"}]
    source = models.CharField("source des données", max_length=32, blank=True)  # agencies source code
    fetched_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="rights_one_row_per_benefit")]
        indexes = [models.Index(fields=["key", "status"]), models.Index(fields=["organism", "status"])]

    def __str__(self) -> str:
        return f"{self.user_id} {self.key} {self.status}"
