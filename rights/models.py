from django.conf import settings
from django.db import models

from rights.catalogue import ORGANISM_CHOICES, benefits


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
        # The simulator finds it under some plausible values of a fact nobody gave: the questions say which.
        TO_CHECK = "to_check", "À vérifier"

    class Periodicity(models.TextChoices):
        MONTHLY = "mensuelle", "par mois"
        YEARLY = "annuelle", "par an"
        ONCE = "ponctuelle", "une fois"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="rights")
    key = models.CharField("prestation (clé du catalogue)", max_length=64)
    domain = models.CharField(max_length=16, choices=Domain.choices)
    # Registry organisms, plus the local authorities of the catalogue (rights/data/organisms.yaml).
    organism = models.CharField(max_length=32, choices=ORGANISM_CHOICES)
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
    # How we know: said by the agency, deduced from its data (e.g. allocations familiales from the
    # children of the CAF file), or the simulator's estimate; shown next to the right.
    basis = models.CharField("d'où vient l'information", max_length=255, blank=True)
    dataset = models.CharField("jeu de données de l'organisme", max_length=64, blank=True)
    simulation_url = models.CharField(max_length=255, blank=True)
    # For a right to check: the questions whose answer decides it, [{"key", "question", "url"}].
    questions = models.JSONField("questions qui décident", default=list, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="rights_one_row_per_benefit")]
        indexes = [models.Index(fields=["key", "status"]), models.Index(fields=["organism", "status"])]

    def __str__(self) -> str:
        return f"{self.user_id} {self.key} {self.status}"


class ErrorReport(models.Model):
    """Right to error (loi ESSOC): a person says a piece of agency data is wrong. Routed to the
    organism that holds the data; its agents answer it in their back-office."""

    class Status(models.TextChoices):
        SENT = "sent", "Transmis à l'organisme"
        IN_REVIEW = "in_review", "En cours d'examen"
        CORRECTED = "corrected", "Corrigé par l'organisme"
        REJECTED = "rejected", "Non retenu"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="error_reports")
    organism = models.CharField(max_length=32, choices=ORGANISM_CHOICES, db_index=True)
    source = models.CharField(max_length=32)
    dataset = models.CharField(max_length=64)
    subject = models.CharField("information concernée", max_length=255)
    message = models.TextField("ce qui est inexact")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.SENT)
    answer = models.TextField("réponse de l'organisme", blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "signalement d'erreur"

    def __str__(self) -> str:
        return f"{self.user_id} {self.organism}/{self.dataset} {self.status}"


class Overpayment(models.Model):
    """An overpayment (indu) an organism asks back. No agency API reports them: the organism's
    agents record them for their members in the back-office."""

    class Repayment(models.TextChoices):
        DEDUCTION = "deduction", "Retenue sur vos prochains versements"
        DIRECT = "direct", "Remboursement direct à l'organisme"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="overpayments")
    organism = models.CharField(max_length=32, choices=ORGANISM_CHOICES, db_index=True)
    benefit_key = models.CharField("prestation", max_length=64)
    amount = models.DecimalField("montant", max_digits=10, decimal_places=2)
    reason = models.TextField("motif")
    period_start = models.DateField("période du")
    period_end = models.DateField("au")
    notified_on = models.DateField("date de la notification")
    recourse_deadline = models.DateField("date limite de recours")
    repayment = models.CharField("remboursement", max_length=16, choices=Repayment.choices)
    monthly_deduction = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-notified_on"]
        verbose_name = "indu"

    def __str__(self) -> str:
        return f"{self.user_id} {self.organism} {self.benefit_key} {self.amount}"

    @property
    def benefit_name(self) -> str:
        """The benefit as the catalogue names it ("Revenu de solidarité active"), its key if it left."""
        entry = benefits().get(self.benefit_key)
        return entry.name if entry else self.benefit_key


class OverpaymentRequest(models.Model):
    """The person asks for a remission (remise de dette) or a payment plan (échéancier)."""

    class Kind(models.TextChoices):
        REMISSION = "remission", "Remise de dette (totale ou partielle)"
        PAYMENT_PLAN = "payment_plan", "Échéancier de remboursement"

    class Status(models.TextChoices):
        SENT = "sent", "Transmise à l'organisme"
        ACCEPTED = "accepted", "Acceptée"
        REFUSED = "refused", "Refusée"

    overpayment = models.ForeignKey(Overpayment, on_delete=models.CASCADE, related_name="requests")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    message = models.TextField("votre situation")
    monthly_amount = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.SENT)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.overpayment_id} {self.kind} {self.status}"
