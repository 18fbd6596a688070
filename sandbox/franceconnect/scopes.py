"""FranceConnect v2 scopes: which identity claims each one releases, and the data scopes we grant."""

from __future__ import annotations

IDENTITY_SCOPES: dict[str, tuple[str, ...]] = {
    "openid": (),
    "given_name": ("given_name", "given_name_array"),
    "family_name": ("family_name",),
    "birthdate": ("birthdate",),
    "gender": ("gender",),
    "birthplace": ("birthplace",),
    "birthcountry": ("birthcountry",),
    "email": ("email",),
    "preferred_username": ("preferred_username",),
    "profile": ("given_name", "given_name_array", "family_name", "birthdate", "gender", "preferred_username"),
    "birth": ("birthplace", "birthcountry"),
    "identite_pivot": (
        "given_name",
        "given_name_array",
        "family_name",
        "birthdate",
        "gender",
        "birthplace",
        "birthcountry",
    ),
}

# Scopes of the "API FranceConnectées" served by API Particulier: they release nothing at
# userinfo; a data provider reads them from checktoken to decide what it may answer.
DATA_SCOPES: tuple[str, ...] = (
    "revenu_solidarite_active",
    "revenu_solidarite_active_majoration",
    "prime_activite",
    "prime_activite_majoration",
    "allocation_soutien_familial",
    "allocation_adulte_handicape",
    "complementaire_sante_solidaire",
    "cnaf_quotient_familial",
    "cnaf_allocataires",
    "cnaf_enfants",
    "cnaf_adresse",
    "cnous_statut_boursier",
    "cnous_echelon_bourse",
    "cnous_email",
    "cnous_periode_versement",
    "cnous_statut_bourse",
    "cnous_ville_etudes",
    "cnous_identite",
    "mesri_identifiant",
    "mesri_identite",
    "mesri_inscription_etudiant",
    "mesri_inscription_autre",
    "mesri_admission",
    "mesri_etablissements",
    "allocation_enfant_handicape",
    "dgfip_rfr",
    "dgfip_nbpart",
    "dgfip_sitfam",
    "dgfip_nbpac",
    "dgfip_aft",
)

SUPPORTED_SCOPES: tuple[str, ...] = (*IDENTITY_SCOPES, *DATA_SCOPES)

# Claims FranceConnect v2 leaves out rather than sending empty (no gender, no usage name).
OMITTED_WHEN_EMPTY = ("gender", "preferred_username")


def granted_scopes(requested: str) -> list[str]:
    """Requested scopes the sandbox knows, in request order; unknown ones are ignored as OIDC allows."""
    seen: list[str] = []
    for scope in requested.split():
        if scope in SUPPORTED_SCOPES and scope not in seen:
            seen.append(scope)
    return seen


def released_claims(scopes: list[str]) -> list[str]:
    claims: list[str] = []
    for scope in scopes:
        for claim in IDENTITY_SCOPES.get(scope, ()):
            if claim not in claims:
                claims.append(claim)
    return claims
