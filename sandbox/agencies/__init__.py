"""Local stand-in for API Particulier (v3/v4) and API Impôt particulier (DGFiP), over real HTTP.

Imports nothing from the Django product: the portal talks to it exactly as it would talk to the
real APIs, so going live is a matter of configuration.
"""
