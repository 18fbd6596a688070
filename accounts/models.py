from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models.functions import Lower


class User(AbstractUser):
    """Anyone who logs in.

    Citizens come from FranceConnect and are identified by the provider's `sub` only (never by
    e-mail, which the person can change at FranceConnect); agency agents log in by e-mail.
    """

    class Kind(models.TextChoices):
        CITIZEN = "citizen", "Usager"
        AGENT = "agent", "Agent d'un organisme"

    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.CITIZEN)
    fc_sub = models.CharField(
        "identifiant FranceConnect (sub)", max_length=255, unique=True, null=True, blank=True, editable=False
    )

    class Meta:
        verbose_name = "utilisateur"
        constraints = [
            models.UniqueConstraint(
                Lower("email"), condition=models.Q(kind="agent"), name="accounts_agent_email_unique"
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="citizen")
                | models.Q(fc_sub__isnull=False)
                | models.Q(is_staff=True),
                name="accounts_citizen_has_fc_sub",
            ),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.email or self.username
