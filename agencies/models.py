from django.conf import settings
from django.db import models

from agencies.registry import AGENCY_CHOICES


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
