from django.urls import path

from accounts.franceconnect import views

urlpatterns = [
    path("connexion/", views.login_page, name="franceconnect_login"),
    path("oidc/authenticate/", views.FranceConnectRequestView.as_view(), name="oidc_authentication_init"),
    path("oidc/callback/", views.FranceConnectCallbackView.as_view(), name="oidc_authentication_callback"),
    path("deconnexion/", views.logout, name="franceconnect_logout"),
    path("deconnexion/retour/", views.logout_return, name="franceconnect_logout_return"),
]
