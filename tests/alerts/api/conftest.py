import pytest
from rest_framework.test import APIClient

from alerts.services.tokens import api_token_create


@pytest.fixture
def caf_api(db) -> APIClient:
    """The CAF's information system, with its own token."""
    _, raw = api_token_create(agency="caf", name="SI CAF")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    client.raw_token = raw
    return client


def publish(api: APIClient, payload: dict, *, key: str = "k-1"):
    return api.post("/api/notifications/publications/", payload, format="json", HTTP_IDEMPOTENCY_KEY=key)
