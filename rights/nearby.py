"""Reads for "Se faire aider près de chez moi": the person's commune, then the nearest desks."""

import re

from accounts.models import User
from agencies.registry import organism
from agencies.selectors import agency_facts
from rights.forms import PostalCodeForm
from rights.france_services import ATTRIBUTION, Commune, commune_by_postal_code, commune_get, nearest_sites


def commune_from_agency_data(*, user: User) -> tuple[Commune | None, str]:
    """The commune the agencies know for the person (the family file's address first, then the
    place of study), and which agency said so."""
    facts = agency_facts(user=user)
    if facts.postcode_and_city is not None:
        match = re.match(r"^(\d[\dAB]\d{3})\b", facts.postcode_and_city.value)
        commune = commune_by_postal_code(match.group(1)) if match else None
        if commune:
            return commune, organism(facts.postcode_and_city.organism).short_name
    if facts.study_commune is not None and (commune := commune_get(facts.study_commune.value)):
        return commune, organism(facts.study_commune.organism).short_name
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
