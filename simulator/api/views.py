"""POST a household situation, get every benefit estimated and explained."""

from django.conf import settings
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    inline_serializer,
)
from pydantic import ValidationError
from rest_framework import serializers, status
from rest_framework.exceptions import Throttled
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from simulator.api.serializers import ErrorsSerializer, ResultSerializer, SituationSerializer
from simulator.api.throttling import (
    AnonymousSimulationThrottle,
    PartnerSimulationThrottle,
    PartnerTokenAuthentication,
)
from simulator.engine import Situation, compute_benefits, french_errors
from simulator.results import result_to_json


def flatten(errors, prefix: str = "") -> dict[str, list[str]]:
    """DRF's nested errors → ``{"persons.0.birth_date": ["..."]}``, as the engine reports its own."""
    if isinstance(errors, dict):
        flat = {}
        for name, value in errors.items():
            flat.update(flatten(value, f"{prefix}.{name}" if prefix else str(name)))
        return flat
    if isinstance(errors, list) and errors and not isinstance(errors[0], str):
        flat = {}
        for index, value in enumerate(errors):
            if value:
                flat.update(flatten(value, f"{prefix}.{index}" if prefix else str(index)))
        return flat
    # A list's own errors (too many persons...) belong to the list itself.
    path = prefix.removesuffix(".non_field_errors") if prefix != "non_field_errors" else "__all__"
    return {path or "__all__": [str(message) for message in errors]}


EXAMPLE = {
    "month": "2026-11",
    "persons": [
        {
            "id": "parent",
            "role": "demandeur",
            "birth_date": "1985-04-02",
            "activity": "salarie",
            "incomes": [{"kind": "salaire_net", "amounts": {"2026-10": "1100"}, "monthly_hours": "104"}],
        },
        {"id": "child", "role": "enfant", "birth_date": "2015-09-01", "school_level": "primaire"},
    ],
    "household": {"depcom": "35238", "housing": "locataire_prive", "rent": "650"},
}


DESCRIPTION = (
    "Every benefit of the catalogue (national, and local where the household lives), with a rounded "
    "estimated amount, whether it is already received, a plain-French explanation and the assumptions made. "
    "Invalid input answers 400 with French messages by field path; nothing is stored.\n\n"
    "**Rate limits.** Without a token: {anonymous} per client IP. With a partner token "
    "(`Authorization: Bearer <token>`, ask the Mes Droits team): {partner} per token. Beyond, the answer is "
    "429 with a `Retry-After` header (seconds) and a French `detail`; an unknown or revoked token answers 401."
)


class SimulateSchema(AutoSchema):
    """The limits in the documentation are the ones configured, read when the schema is generated."""

    def get_description(self) -> str:
        return DESCRIPTION.format(
            anonymous=settings.SIMULATOR_API_ANON_RATE, partner=settings.SIMULATOR_API_PARTNER_RATE
        )


THROTTLED = inline_serializer("Throttled", {"detail": serializers.CharField()})
AUTH_FAILED = inline_serializer("SimulatorAuthFailed", {"detail": serializers.CharField()})


class SimulateView(APIView):
    authentication_classes = [PartnerTokenAuthentication]
    permission_classes = [AllowAny]  # the token only raises the rate
    throttle_classes = [AnonymousSimulationThrottle, PartnerSimulationThrottle]
    schema = SimulateSchema()

    @extend_schema(
        operation_id="simulate",
        summary="Estimer les aides d'un foyer",
        request=SituationSerializer,
        responses={
            200: ResultSerializer,
            400: ErrorsSerializer,
            401: OpenApiResponse(AUTH_FAILED, description="Jeton invalide ou révoqué."),
            429: OpenApiResponse(
                THROTTLED, description="Limite de débit atteinte : réessayer après Retry-After."
            ),
        },
        parameters=[
            OpenApiParameter(
                "Retry-After",
                OpenApiTypes.INT,
                OpenApiParameter.HEADER,
                response=[429],
                description="Secondes à attendre avant le prochain appel.",
            ),
        ],
        examples=[OpenApiExample("Parent isolé à Rennes", value=EXAMPLE, request_only=True)],
        tags=["simulateur"],
    )
    def post(self, request: Request) -> Response:
        serializer = SituationSerializer(data=request.data)
        if not serializer.is_valid():
            return Response({"errors": flatten(serializer.errors)}, status=status.HTTP_400_BAD_REQUEST)
        try:
            situation = Situation.model_validate(serializer.validated_data)
        except ValidationError as e:
            return Response({"errors": french_errors(e)}, status=status.HTTP_400_BAD_REQUEST)
        return Response(result_to_json(compute_benefits(situation)))

    def throttled(self, request: Request, wait: float | None) -> None:
        seconds = max(1, round(wait)) if wait is not None else None
        later = f"dans {seconds} secondes" if seconds else "plus tard"
        raise Throttled(
            wait=wait,
            detail=f"Trop de simulations demandées : réessayez {later}. Pour un débit plus élevé, "
            "demandez un jeton de partenaire à l'équipe Mes Droits.",
        )


simulate = SimulateView.as_view()
