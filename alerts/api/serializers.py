"""Shapes of the notifications API, validated field by field so that every 400 says what is wrong."""

import datetime as dt

from django.conf import settings
from django.utils import timezone
from rest_framework import serializers

from alerts.audience import DEPARTEMENTS
from alerts.models import Category, Publication

AUDIENCE_KINDS = list(Publication.Audience.values)


class IdentitySerializer(serializers.Serializer):
    """The identité pivot, as FranceConnect gives it; birthdate may be presumed (YYYY-00-00)."""

    given_name = serializers.CharField(max_length=255)
    family_name = serializers.CharField(max_length=255)
    birthdate = serializers.RegexField(r"^\d{4}-(0\d|1[0-2])-([0-2]\d|3[01])$", max_length=10)
    gender = serializers.ChoiceField(choices=["male", "female"], required=False)
    birthplace = serializers.RegexField(r"^[0-9][0-9AB][0-9]{3}$", required=False, allow_blank=True)
    birthcountry = serializers.RegexField(r"^[0-9]{5}$", required=False)


class AudienceSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=AUDIENCE_KINDS)
    benefit = serializers.RegexField(r"^[a-z][a-z0-9_]*$", max_length=64, required=False)
    departement = serializers.ChoiceField(choices=DEPARTEMENTS, required=False)
    members = IdentitySerializer(many=True, required=False, allow_empty=False)

    def validate_members(self, value: list) -> list:
        if len(value) > settings.ALERTS_API_MAX_MEMBERS:
            raise serializers.ValidationError(f"Au plus {settings.ALERTS_API_MAX_MEMBERS} membres par envoi.")
        return value

    def validate(self, data: dict) -> dict:
        needs = {"benefit": "benefit", "departement": "departement", "members": "members"}
        for kind, field in needs.items():
            if data["kind"] == kind and not data.get(field):
                raise serializers.ValidationError({field: f"Obligatoire quand kind vaut « {kind} »."})
            if data["kind"] != kind and field in data:
                raise serializers.ValidationError({field: f"Attendu seulement quand kind vaut « {kind} »."})
        allowed = self.context.get("benefits")
        if data["kind"] == "benefit" and allowed is not None and data["benefit"] not in allowed:
            raise serializers.ValidationError({"benefit": "Prestation inconnue pour votre organisme."})
        return data


# A sending time a little in the past is "now" seen from a clock a little behind ours; further back
# it is a mistake. More than a year ahead is a mistake too, and years near 1 or 9999 overflow when
# converted between time zones.
SCHEDULE_PAST_TOLERANCE = dt.timedelta(minutes=5)
SCHEDULE_HORIZON = dt.timedelta(days=365)


class ScheduledAtField(serializers.DateTimeField):
    """An ISO 8601 date and time between now and a year from now; a time without offset is Paris time."""

    default_error_messages = {
        "invalid": "Date et heure invalides : format ISO 8601 attendu, par exemple 2026-12-24T09:00:00+01:00.",
        "date": "Date et heure attendues, pas une date seule.",
        "make_aware": "Cette heure n'existe pas à Paris (passage à l'heure d'été) : précisez le décalage horaire.",
        "overflow": "Date hors des limites : l'envoi se programme entre maintenant et dans un an.",
        "past": "Cette date est passée : laissez scheduled_at vide (null) pour envoyer tout de suite.",
        "too_far": "L'envoi ne peut pas être programmé plus d'un an à l'avance.",
    }

    def enforce_timezone(self, value: dt.datetime) -> dt.datetime:
        if timezone.is_naive(value):
            # zoneinfo silently moves a time that does not exist (spring forward) by an hour: refuse it.
            paris = self.default_timezone()
            try:
                round_trip = timezone.make_aware(value, paris).astimezone(dt.UTC).astimezone(paris)
            except OverflowError:
                self.fail("overflow")
            if round_trip.replace(tzinfo=None) != value:
                self.fail("make_aware")
        return super().enforce_timezone(value)

    def to_internal_value(self, value) -> dt.datetime:
        try:
            moment = super().to_internal_value(value)
        except OverflowError:  # DRF checks a naive time in Paris by a round trip through UTC
            self.fail("overflow")
        now = timezone.now()
        if moment < now - SCHEDULE_PAST_TOLERANCE:
            self.fail("past")
        if moment > now + SCHEDULE_HORIZON:
            self.fail("too_far")
        return moment


class PublicationCreateSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=160)
    body = serializers.CharField(max_length=4000)
    link = serializers.URLField(max_length=500, required=False, allow_blank=True, default="")
    category = serializers.ChoiceField(choices=Category.choices, default=Category.AGENCY)
    audience = AudienceSerializer()
    scheduled_at = ScheduledAtField(
        required=False,
        allow_null=True,
        default=None,
        help_text="Envoi programmé, entre maintenant et dans un an (ISO 8601 ; sans décalage : heure de "
        "Paris). Absent ou null : envoi immédiat.",
    )


class StatsSerializer(serializers.Serializer):
    recipients = serializers.IntegerField()
    read = serializers.IntegerField()
    archived = serializers.IntegerField()
    inbox_delivered = serializers.IntegerField()
    email_sent = serializers.IntegerField()
    email_pending = serializers.IntegerField()
    email_failed = serializers.IntegerField()


class PublicationSerializer(serializers.ModelSerializer):
    audience = serializers.SerializerMethodField()
    stats = serializers.SerializerMethodField()

    class Meta:
        model = Publication
        fields = [
            "id", "status", "title", "body", "link", "category", "audience", "unmatched_members",
            "idempotency_key", "scheduled_at", "sent_at", "recipient_count", "created_at", "stats",
        ]  # fmt: skip
        read_only_fields = fields

    def get_audience(self, publication: Publication) -> dict:
        value_field = {"benefit": "benefit", "departement": "departement"}.get(publication.audience)
        audience = {"kind": publication.audience}
        if value_field:
            audience[value_field] = publication.audience_value
        if publication.audience == "members":
            audience["members_found"] = len(publication.member_ids)
        return audience

    def get_stats(self, publication: Publication) -> dict | None:
        stats = self.context.get("stats")
        return StatsSerializer(stats).data if stats is not None else None
