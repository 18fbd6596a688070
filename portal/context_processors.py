"""Template context shared by every page."""

from django.http import HttpRequest

# django-dsfr's templates read SITE_CONFIG; we give it from code rather than from its database
# model so that pages cost no query and the brand cannot drift between environments.
SITE_CONFIG = {
    "site_title": "Mes Droits",
    "site_tagline": "Tous vos droits sociaux, au même endroit",
    "header_brand_html": "République<br>Française",
    "footer_brand_html": "République<br>Française",
    # The legal pages (mentions légales, accessibilité, données personnelles) read these; an operator
    # deploying the service replaces them here, in one place.
    "editor": "la Direction interministérielle du numérique (DINUM)",
    "editor_address": "20 avenue de Ségur, 75007 Paris",
    "publication_director": "La directrice ou le directeur interministériel du numérique",
    "host": "L'opérateur du service, sur des serveurs situés en France (à préciser à la mise en production)",
    "contact_email": "contact@mesdroits.beta.gouv.fr",
    "dpo_email": "dpo@mesdroits.beta.gouv.fr",
    "accessibility_evaluation_date": "décembre 2026",
}


def site(request: HttpRequest) -> dict:
    return {"SITE_CONFIG": SITE_CONFIG}
