"""Writes of the agencies app: consent, fetching agency data, the access journal."""
