"""A local OpenID provider speaking the FranceConnect v2 ("fcp-low", eIDAS 1) contract."""
