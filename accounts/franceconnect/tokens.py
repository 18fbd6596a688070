"""Verification of the JWTs FranceConnect signs: the ID token and the userinfo answer."""

import logging

import jwt
from django.conf import settings

from accounts.franceconnect.errors import FranceConnectError
from accounts.franceconnect.jwks import signing_key
from accounts.franceconnect.provider import ProviderMetadata

logger = logging.getLogger(__name__)

# eIDAS levels of assurance, lowest first; FranceConnect v2 answers one of them in `acr`.
ACR_LEVELS = ("eidas1", "eidas2", "eidas3")


def verify_jwt(token: str, *, provider: ProviderMetadata, required: tuple[str, ...]) -> dict:
    """Check signature (configured algorithm, published key), `iss`, `aud` and `exp`; return the claims."""
    algorithm = settings.OIDC_RP_SIGN_ALGO
    try:
        header = jwt.get_unverified_header(token)
    except jwt.PyJWTError as e:
        raise FranceConnectError(f"not a JWT: {e}") from e
    if header.get("alg") != algorithm:
        raise FranceConnectError(f"algorithm {header.get('alg')!r} is not the configured {algorithm}")
    if not header.get("kid"):
        raise FranceConnectError("the JWT names no kid")
    key = signing_key(jwks_uri=provider.jwks_uri, kid=header["kid"], alg=algorithm)
    try:
        return jwt.decode(
            token,
            key=key,
            algorithms=[algorithm],
            audience=settings.OIDC_RP_CLIENT_ID,
            issuer=provider.issuer,
            leeway=settings.FRANCECONNECT_CLOCK_SKEW_SECONDS,
            options={"require": list(required), "strict_aud": True},
        )
    except jwt.InvalidSignatureError as e:
        raise FranceConnectError("bad signature") from e
    except jwt.ExpiredSignatureError as e:
        raise FranceConnectError("expired token") from e
    except jwt.InvalidIssuerError as e:
        raise FranceConnectError(f"wrong iss (expected {provider.issuer})") from e
    except jwt.InvalidAudienceError as e:
        raise FranceConnectError(f"wrong aud (expected {settings.OIDC_RP_CLIENT_ID})") from e
    except jwt.PyJWTError as e:
        raise FranceConnectError(f"invalid token: {e}") from e


def verify_id_token(token: str, *, provider: ProviderMetadata, nonce: str | None) -> dict:
    claims = verify_jwt(
        token, provider=provider, required=("iss", "aud", "exp", "iat", "sub", "nonce", "acr")
    )
    if not nonce or claims["nonce"] != nonce:
        raise FranceConnectError("wrong nonce")
    minimum = settings.FRANCECONNECT_MINIMUM_ACR
    if claims["acr"] not in ACR_LEVELS or ACR_LEVELS.index(claims["acr"]) < ACR_LEVELS.index(minimum):
        raise FranceConnectError(f"acr {claims['acr']!r} is below {minimum}")
    return claims


def verify_userinfo(token: str, *, provider: ProviderMetadata, sub: str) -> dict:
    claims = verify_jwt(token, provider=provider, required=("iss", "aud", "sub"))
    if claims["sub"] != sub:
        raise FranceConnectError("userinfo sub differs from the ID token's")
    return claims
