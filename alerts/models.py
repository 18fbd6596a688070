"""Notifications (the inbox), their deliveries by channel (the outbox), preferences, and the
agencies' publications with their API tokens."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from agencies.registry import AGENCY_CHOICES
from rights.catalogue import benefits


class Category(models.TextChoices):
    RENEWAL = "renouvellement", "Renouvellements et fins de droits"
    DECLARATION = "declaration", "Déclarations trimestrielles"
    PAYMENT = "paiement", "Paiements"
    NEW_RIGHT = "nouveau_droit", "Nouveaux droits possibles"
    AGENCY = "organisme", "Messages des organismes"


class Notification(models.Model):
    """One message to one person. `dedup_key` names the alert kind and its period
    (`rsa-declaration-opening:2026-Q4`): the unique constraint makes every alert effectively-once."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=64)
    dedup_key = models.CharField(max_length=160)
    category = models.CharField(max_length=32, choices=Category.choices)
    title = models.CharField("titre", max_length=160)
    body = models.TextField("message")
    organism = models.CharField(max_length=32, choices=AGENCY_CHOICES, blank=True)
    action_url = models.URLField("lien", max_length=500, blank=True)
    publication = models.ForeignKey(
        "Publication", on_delete=models.CASCADE, null=True, blank=True, related_name="notifications"
    )
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    archived_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "dedup_key"], name="alerts_once_per_person_kind_period")
        ]
        indexes = [
            # The header's unread count: one index-only lookup per page.
            models.Index(
                fields=["user"],
                condition=Q(read_at__isnull=True, archived_at__isnull=True),
                name="alerts_unread",
            ),
            models.Index(fields=["user", "archived_at", "created_at"], name="alerts_inbox"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.dedup_key}"


class Delivery(models.Model):
    """One channel's delivery of one notification: the outbox row a worker claims, sends, marks."""

    class Channel(models.TextChoices):
        INBOX = "inbox", "Espace personnel"
        EMAIL = "email", "E-mail"

    class Status(models.TextChoices):
        PENDING = "pending", "En attente"
        SENDING = "sending", "En cours d'envoi"
        SENT = "sent", "Envoyé"
        FAILED = "failed", "Échec"

    notification = models.ForeignKey(Notification, on_delete=models.CASCADE, related_name="deliveries")
    channel = models.CharField(max_length=16, choices=Channel.choices)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    queued_at = models.DateTimeField(null=True, blank=True)
    not_before = models.DateTimeField(null=True, blank=True)  # next attempt after a transient error
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "deliveries"
        constraints = [
            models.UniqueConstraint(
                fields=["notification", "channel"], name="alerts_one_delivery_per_channel"
            )
        ]
        indexes = [
            models.Index(
                fields=["status", "queued_at"],
                condition=Q(status__in=["pending", "sending"]),
                name="alerts_delivery_open",
            )
        ]

    def __str__(self) -> str:
        return f"{self.notification_id}/{self.channel} {self.status}"


class Preference(models.Model):
    """E-mail opt-in of one person for one category; the inbox always receives everything."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="alert_preferences"
    )
    category = models.CharField(max_length=32, choices=Category.choices)
    email = models.BooleanField(default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "category"], name="alerts_one_preference")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.category} email={self.email}"


class Publication(models.Model):
    """A message an agency sends to its members, from the back-office or the API."""

    class Audience(models.TextChoices):
        ALL = "all", "Tous les membres"
        BENEFIT = "benefit", "Membres bénéficiant d'une prestation"
        DEPARTEMENT = "departement", "Membres d'un département"
        MEMBERS = "members", "Liste de membres (identité pivot)"

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", "Programmée"
        SENT = "sent", "Envoyée"

    class Via(models.TextChoices):
        BACKOFFICE = "backoffice", "Espace agent"
        API = "api", "API"

    agency = models.CharField("organisme", max_length=32, choices=AGENCY_CHOICES, db_index=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    via = models.CharField(max_length=16, choices=Via.choices)
    title = models.CharField("titre", max_length=160)
    body = models.TextField("message", max_length=4000)
    link = models.URLField("lien", max_length=500, blank=True)
    category = models.CharField("catégorie", max_length=32, choices=Category.choices, default=Category.AGENCY)
    audience = models.CharField(max_length=16, choices=Audience.choices)
    audience_value = models.CharField(max_length=64, blank=True)  # benefit key or département code
    member_ids = models.JSONField(default=list, blank=True)  # resolved user ids, audience "members"
    unmatched_members = models.JSONField(default=list, blank=True)  # indexes of identities not found
    idempotency_key = models.CharField(max_length=128, null=True, blank=True)  # noqa: DJ001 -- NULL: no key, never unique-checked
    request_fingerprint = models.CharField(max_length=64, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.SCHEDULED)
    scheduled_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    recipient_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "idempotency_key"],
                condition=Q(idempotency_key__isnull=False),
                name="alerts_publication_idempotency",
            )
        ]
        indexes = [
            models.Index(fields=["status", "scheduled_at"], name="alerts_publication_due"),
        ]

    def __str__(self) -> str:
        return f"{self.agency}: {self.title}"

    @property
    def audience_text(self) -> str:
        """Who it reaches, in words: "Membres bénéficiant d'une prestation : Revenu de solidarité active"."""
        value = self.audience_value
        if self.audience == self.Audience.BENEFIT and value in benefits():
            value = benefits()[value].name
        return f"{self.get_audience_display()} : {value}" if value else self.get_audience_display()

    @property
    def dedup_key(self) -> str:
        return f"publication:{self.pk}"


class AgencyApiToken(models.Model):
    """A secret an agency's system sends as `Authorization: Bearer <token>`; only its hash is kept."""

    agency = models.CharField("organisme", max_length=32, choices=AGENCY_CHOICES)
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=12)  # shown to tell tokens apart, never enough to use one
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "jeton d'API d'un organisme"

    def __str__(self) -> str:
        return f"{self.agency} {self.name} ({self.prefix}…)"
