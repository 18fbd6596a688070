from django.contrib import admin
from django.urls import include, path
from django.views.generic import TemplateView

from portal import views


def _page(name: str):
    return TemplateView.as_view(template_name=f"portal/pages/{name}.html")


urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("aide-pres-de-chez-moi/", views.help_nearby, name="help_nearby"),
    # The pages a French public service must publish, linked from the footer.
    path("accessibilite/", _page("accessibility"), name="accessibility"),
    path("mentions-legales/", _page("legal_notice"), name="legal_notice"),
    path("donnees-personnelles/", views.personal_data, name="personal_data"),
    path("gestion-des-cookies/", views.cookies, name="cookies"),
    path("plan-du-site/", views.sitemap, name="sitemap"),
    path("", include("accounts.urls")),
    path("mon-compte/", include("privacy.urls")),
    path("mes-donnees/", include("agencies.urls")),
    path("mes-droits/", include("rights.urls")),
    path("simulateur/", include("simulator.urls")),
    path("alertes/", include("alerts.urls")),
    # Public statistics, as French public digital services publish them.
    path("stats/", include("stats.urls")),
    path("agents/publications/", include("alerts.backoffice_urls")),
    path("agents/droits/", include("rights.backoffice_urls")),
    path("agents/", include("accounts.agents.backoffice_urls")),
    path("api/", include("portal.api_urls")),
    path("admin/", admin.site.urls),
]
