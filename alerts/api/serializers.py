"""Shapes of the notifications API, validated field by field so that every 400 says what is wrong."""

from django.conf import settings
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


class PublicationCreateSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=160)
    body = serializers.CharField(max_length=4000)
    link = serializers.URLField(max_length=500, required=False, allow_blank=True, default="")
    category = serializers.ChoiceField(choices=Category.choices, default=Category.AGENCY)
    audience = AudienceSerializer()
    scheduled_at = serializers.DateTimeField(required=False, allow_null=True, default=None)


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
