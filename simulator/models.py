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
