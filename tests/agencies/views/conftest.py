import pytest
from django.test import Client

from accounts.models import User


@pytest.fixture
def logged_in():
    """A test client logged in as `user` (FranceConnect is exercised in tests/accounts)."""

    def make(user: User) -> Client:
        client = Client()
        client.force_login(user, backend="accounts.franceconnect.backend.FranceConnectBackend")
        return client

    return make


@pytest.fixture
def agent():
    return User.objects.create_user(username="claire", email="claire@caf.example", kind=User.Kind.AGENT)
