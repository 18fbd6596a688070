from django.contrib import admin
from django.urls import include, path

from portal import views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("", include("accounts.urls")),
    path("mon-compte/", include("privacy.urls")),
    path("mes-donnees/", include("agencies.urls")),
    path("mes-droits/", include("rights.urls")),
    path("simulateur/", include("simulator.urls")),
    path("alertes/", include("alerts.urls")),
    path("agents/publications/", include("alerts.backoffice_urls")),
    path("agents/droits/", include("rights.backoffice_urls")),
    path("agents/", include("accounts.agents.backoffice_urls")),
    path("api/", include("portal.api_urls")),
    path("admin/", admin.site.urls),
]
