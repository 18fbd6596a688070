"""Reads for "Se faire aider près de chez moi": the person's commune, then the nearest desks."""

import re

from accounts.models import User
from agencies.models import AgencyData
from rights.forms import PostalCodeForm
from rights.france_services import ATTRIBUTION, Commune, commune_by_postal_code, commune_get, nearest_sites


def commune_from_agency_data(*, user: User) -> tuple[Commune | None, str]:
    """The commune the agencies know for the person, and which agency said so."""
    rows = AgencyData.objects.filter(
        user=user, status=AgencyData.Status.FOUND, dataset__in=["quotient_familial", "statut_etudiant"]
    ).only("dataset", "organism", "payload")
    for row in sorted(rows, key=lambda r: r.dataset):  # the family file's address first
        if row.dataset == "quotient_familial":
            city = ((row.payload.get("adresse") or {}).get("code_postal_ville") or "").strip()
            match = re.match(r"^(\d[\dAB]\d{3})\b", city)
            commune = commune_by_postal_code(match.group(1)) if match else None
        else:
            codes = [a.get("code_cog_insee_commune") for a in row.payload.get("admissions", [])]
            commune = next((commune_get(code) for code in codes if code and commune_get(code)), None)
        if commune:
            return commune, row.get_organism_display()
    return None, ""


def nearby_context(*, user: User, query, count: int) -> dict:
    form = PostalCodeForm(query if "code_postal" in query else None)
    commune, origin = (None, "")
    if form.is_bound:
        if form.is_valid():
            commune = commune_by_postal_code(form.cleaned_data["code_postal"])
            if commune is None:
                form.add_error("code_postal", "Ce code postal ne correspond à aucune commune.")
    else:
        commune, origin = commune_from_agency_data(user=user)
        if commune:
            form = PostalCodeForm(
                initial={"code_postal": commune.postal_codes[0] if commune.postal_codes else ""}
            )
    sites = nearest_sites(commune=commune, count=count) if commune else []
    return {"form": form, "commune": commune, "origin": origin, "sites": sites, "attribution": ATTRIBUTION}
