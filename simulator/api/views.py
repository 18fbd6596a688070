"""POST a household situation, get every benefit estimated and explained."""

from drf_spectacular.utils import OpenApiExample, extend_schema
from pydantic import ValidationError
from rest_framework import status
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from simulator.api.serializers import ErrorsSerializer, ResultSerializer, SituationSerializer
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


@extend_schema(
    operation_id="simulate",
    summary="Estimer les aides d'un foyer",
    description="Every benefit of the catalogue (national, and local where the household lives), with a rounded "
    "estimated amount, whether it is already received, a plain-French explanation and the assumptions made. "
    "Invalid input answers 400 with French messages by field path; nothing is stored.",
    request=SituationSerializer,
    responses={200: ResultSerializer, 400: ErrorsSerializer},
    examples=[OpenApiExample("Parent isolé à Rennes", value=EXAMPLE, request_only=True)],
    tags=["simulateur"],
)
@api_view(["POST"])
def simulate(request: Request) -> Response:
    serializer = SituationSerializer(data=request.data)
    if not serializer.is_valid():
        return Response({"errors": flatten(serializer.errors)}, status=status.HTTP_400_BAD_REQUEST)
    try:
        situation = Situation.model_validate(serializer.validated_data)
    except ValidationError as e:
        return Response({"errors": french_errors(e)}, status=status.HTTP_400_BAD_REQUEST)
    return Response(result_to_json(compute_benefits(situation)))
