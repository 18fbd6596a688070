"""Citizen login with FranceConnect v2 (OpenID Connect, eIDAS 1) on top of mozilla-django-oidc.

The library does the protocol; this package closes its gaps for FranceConnect: issuer, audience and
`acr` checks, a cached JWKS refetched once on an unknown `kid`, signed userinfo, expiring one-time
`state`, HTTP timeouts, users looked up by `sub`, and logout at the provider.
"""
