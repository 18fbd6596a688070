"""The FranceConnect authentication backend: mozilla-django-oidc's, with FranceConnect's checks."""

import logging

import requests
from django.conf import settings
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from accounts.franceconnect.errors import FranceConnectError
from accounts.franceconnect.provider import ProviderMetadata, provider_metadata
from accounts.franceconnect.tokens import verify_id_token, verify_userinfo
from accounts.models import User
from accounts.services import citizen_login_from_franceconnect

logger = logging.getLogger("accounts.franceconnect")


class FranceConnectBackend(OIDCAuthenticationBackend):
    """Authorization code flow against FranceConnect v2.

    Endpoints come from the provider's metadata at call time (not from settings frozen at import),
    so the same code serves the integration platform, production or our sandbox.
    """

    def __init__(self, *args, **kwargs):  # the library reads endpoints from settings here
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID
        self.OIDC_RP_CLIENT_SECRET = settings.OIDC_RP_CLIENT_SECRET
        self.OIDC_RP_SIGN_ALGO = settings.OIDC_RP_SIGN_ALGO
        self.OIDC_RP_IDP_SIGN_KEY = None
        self.UserModel = User
        self._provider: ProviderMetadata | None = None

    @property
    def provider(self) -> ProviderMetadata:
        if self._provider is None:
            self._provider = provider_metadata()
        return self._provider

    @property
    def OIDC_OP_TOKEN_ENDPOINT(self) -> str:
        return self.provider.token_endpoint

    @property
    def OIDC_OP_USER_ENDPOINT(self) -> str:
        return self.provider.userinfo_endpoint

    @property
    def OIDC_OP_JWKS_ENDPOINT(self) -> str:
        return self.provider.jwks_uri

    def verify_token(self, token, **kwargs):
        """The ID token: signature, iss, aud, exp, nonce and acr ≥ eidas1."""
        return verify_id_token(token, provider=self.provider, nonce=kwargs.get("nonce"))

    def get_token(self, payload):
        try:
            return super().get_token(payload)
        except requests.RequestException as e:
            raise FranceConnectError(f"token endpoint refused the code: {e}") from e

    def get_userinfo(self, access_token, id_token, payload):
        """FranceConnect v2 answers userinfo as a signed JWT; anything else is refused."""
        try:
            response = requests.get(
                self.OIDC_OP_USER_ENDPOINT,
                headers={"Authorization": f"Bearer {access_token}"},
                timeout=settings.OIDC_TIMEOUT,
            )
            response.raise_for_status()
        except requests.RequestException as e:
            raise FranceConnectError(f"userinfo endpoint failed: {e}") from e
        content_type = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if content_type != "application/jwt":
            raise FranceConnectError(f"userinfo is not a signed JWT (Content-Type {content_type!r})")
        return verify_userinfo(response.text, provider=self.provider, sub=payload["sub"])

    def verify_claims(self, claims) -> bool:
        return bool(claims.get("sub") and claims.get("given_name") and claims.get("family_name"))

    def filter_users_by_claims(self, claims):
        # By `sub` only: an e-mail can change at FranceConnect or be shared.
        return self.UserModel.objects.filter(fc_sub=claims["sub"])

    def create_user(self, claims):
        return self._save_citizen(claims)

    def update_user(self, user, claims):
        if user.kind != User.Kind.CITIZEN:
            raise FranceConnectError(f"user {user.pk} is not a citizen and cannot use FranceConnect")
        return self._save_citizen(claims)

    def _save_citizen(self, claims) -> User:
        try:
            return citizen_login_from_franceconnect(claims=claims)
        except ValueError as e:
            raise FranceConnectError(f"unusable identity claims: {e}") from e

    def get_or_create_user(self, access_token, id_token, payload):
        # The library turns a refused claim set into a silent None; we want the reason logged.
        user_info = self.get_userinfo(access_token, id_token, payload)
        if not self.verify_claims(user_info):
            raise FranceConnectError("userinfo lacks sub, given_name or family_name")
        users = list(self.filter_users_by_claims(user_info))
        return self.update_user(users[0], user_info) if users else self.create_user(user_info)
