"""Template context shared by every page."""

from django.http import HttpRequest

# django-dsfr's templates read SITE_CONFIG; we give it from code rather than from its database
# model so that pages cost no query and the brand cannot drift between environments.
SITE_CONFIG = {
    "site_title": "Mes Droits",
    "site_tagline": "Tous vos droits sociaux, au même endroit",
    "header_brand_html": "République<br>Française",
    "footer_brand_html": "République<br>Française",
}


def site(request: HttpRequest) -> dict:
    return {"SITE_CONFIG": SITE_CONFIG}
