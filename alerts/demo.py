"""Demo data of the alerts (`make run` only): an API token for CAF, printed with the agents' credentials."""

from django.conf import settings

from alerts.services.tokens import api_token_create

# Fixed so that `make run` prints the same token every time; only its hash is stored. Demo only.
DEMO_CAF_TOKEN = "mdn_caf_demo_0123456789abcdefDEMOONLY"  # noqa: S105


def alerts_demo_ensure() -> str:
    """Create (or keep) the CAF demo token; returns the lines `load_demo_data` prints."""
    api_token_create(agency="caf", name="démonstration", raw=DEMO_CAF_TOKEN)
    site_url = settings.SITE_URL.rstrip("/")
    return "\n".join(
        [
            "Jeton d'API de publication CAF — POUR LA DÉMONSTRATION UNIQUEMENT :",
            f"  {DEMO_CAF_TOKEN}",
            "  curl -H 'Authorization: Bearer <jeton>' -H 'Idempotency-Key: demo-1' -H 'Content-Type: application/json' \\",
            '    -d \'{"title": "Info CAF", "body": "…", "audience": {"kind": "all"}}\' \\',
            f"    {site_url}/api/notifications/publications/",
            f"  Documentation : {site_url}/api/docs/",
        ]
    )
