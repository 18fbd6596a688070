"""The agencies' notifications API: publish to members (idempotent), read a publication's status."""

from django.db.models import QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from alerts import selectors
from alerts.api.auth import AgencyTokenAuthentication, AgencyTokenThrottle, IsAgencyClient
from alerts.api.serializers import PublicationCreateSerializer, PublicationSerializer
from alerts.audience import members_matching_identities
from alerts.models import Publication
from alerts.services.publish import Draft, fingerprint, publication_create_once

IDEMPOTENCY_KEY = OpenApiParameter(
    "Idempotency-Key", OpenApiTypes.STR, OpenApiParameter.HEADER, required=True,
    description="Clé choisie par l'organisme (1 à 128 caractères) : renvoyer la même requête avec la même "
    "clé rend la même publication, sans nouvel envoi.",
)  # fmt: skip
ERROR = inline_serializer("Error", {"detail": serializers.CharField()})


class _AgencyView(APIView):
    authentication_classes = [AgencyTokenAuthentication]
    permission_classes = [IsAgencyClient]
    throttle_classes = [AgencyTokenThrottle]


def _idempotency_key(request) -> str:
    key = request.headers.get("Idempotency-Key", "").strip()
    if not key or len(key) > 128 or not key.isprintable() or not key.isascii():
        raise ValidationError(
            {"Idempotency-Key": ["En-tête obligatoire : 1 à 128 caractères ASCII imprimables."]}
        )
    return key


def _draft(agency: str, data: dict) -> Draft:
    audience = data["audience"]
    member_ids, unmatched = (), ()
    if audience["kind"] == "members":
        member_ids, unmatched = members_matching_identities(agency=agency, identities=audience["members"])
    return Draft(
        agency=agency, title=data["title"], body=data["body"], link=data["link"], category=data["category"],
        audience=audience["kind"], audience_value=audience.get("benefit") or audience.get("departement") or "",
        member_ids=tuple(member_ids), unmatched_members=tuple(unmatched), scheduled_at=data["scheduled_at"],
    )  # fmt: skip


class PublicationListCreate(_AgencyView):
    @extend_schema(
        operation_id="publications_list",
        responses={200: PublicationSerializer(many=True), 401: ERROR, 429: ERROR},
        summary="Les 50 dernières publications de l'organisme",
    )
    def get(self, request) -> Response:
        publications: QuerySet[Publication] = selectors.publications_of(agency=request.user.agency)[:50]
        return Response(PublicationSerializer(publications, many=True).data)

    @extend_schema(
        operation_id="publications_create",
        parameters=[IDEMPOTENCY_KEY],
        request=PublicationCreateSerializer,
        responses={
            201: PublicationSerializer,
            200: OpenApiResponse(
                PublicationSerializer, description="Rejeu d'une clé d'idempotence déjà reçue"
            ),
            400: OpenApiResponse(description="Champ par champ, ce qui ne va pas"),
            401: ERROR,
            409: OpenApiResponse(ERROR, description="Clé d'idempotence déjà utilisée pour une autre requête"),
            429: ERROR,
        },
        summary="Publier une notification aux membres de l'organisme",
    )
    def post(self, request) -> Response:
        agency = request.user.agency
        key = _idempotency_key(request)
        context = {"benefits": {k for k, _ in selectors.benefit_choices(agency=agency)}}
        serializer = PublicationCreateSerializer(data=request.data, context=context)
        serializer.is_valid(raise_exception=True)
        print_ = fingerprint(serializer.validated_data)
        publication, created = publication_create_once(
            draft=_draft(agency, serializer.validated_data), via=Publication.Via.API,
            idempotency_key=key, request_fingerprint=print_,
        )  # fmt: skip
        if not created and publication.request_fingerprint != print_:
            return Response(
                {"detail": "Cette clé d'idempotence a déjà servi pour une requête différente."},
                status=status.HTTP_409_CONFLICT,
            )
        code = status.HTTP_201_CREATED if created else status.HTTP_200_OK
        return Response(PublicationSerializer(publication).data, status=code)


class PublicationDetail(_AgencyView):
    @extend_schema(
        operation_id="publications_retrieve",
        responses={200: PublicationSerializer, 401: ERROR, 404: ERROR, 429: ERROR},
        summary="L'état d'une publication et ses statistiques d'envoi",
    )
    def get(self, request, publication_id: int) -> Response:
        try:
            publication = selectors.publication_of(agency=request.user.agency, publication_id=publication_id)
        except Publication.DoesNotExist as e:
            raise NotFound("Aucune publication de votre organisme avec cet identifiant.") from e
        stats = selectors.publication_stats(publication=publication)
        return Response(PublicationSerializer(publication, context={"stats": stats}).data)
