"""Personas of the GDPR tests: Joëlle (persona 6) with something in every app, and Pierre (persona
2), another citizen whose data must never be touched by Joëlle's export or deletion."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone
from django.utils.crypto import get_random_string

from accounts.models import DeviceSession
from agencies.models import AgencyData, FetchRun
from agencies.services.journal import journal_record
from alerts.models import Delivery, Notification, Preference, Publication
from rights.models import ErrorReport, Overpayment, OverpaymentRequest, Right
from simulator.models import Simulation


def _agency_data(user, source, dataset, organism, payload):
    now = timezone.now()
    return AgencyData.objects.create(
        user=user, source=source, dataset=dataset, organism=organism, status=AgencyData.Status.FOUND,
        payload=payload, fetched_at=now, last_attempt_at=now,
    )  # fmt: skip


def fill(user, *, agent=None) -> None:
    """One row in every model that refers to the person, as the portal would have written them."""
    DeviceSession.objects.create(
        user=user, session_key=get_random_string(32), device="Firefox sur Linux",
        started_at=timezone.now(), last_seen_at=timezone.now(),
    )  # fmt: skip
    _agency_data(user, "caf", "allocation_adulte_handicape", "caf", {"est_beneficiaire": True})
    _agency_data(user, "cpam", "complementaire_sante_solidaire", "cpam", {"est_beneficiaire": True})
    FetchRun.objects.create(user=user, status=FetchRun.Status.DONE)
    Right.objects.create(
        user=user, key="aah", domain="solidarite", organism="caf", status="open", source="caf",
        amount=Decimal("1033.32"), periodicity="mensuelle", payments=[{"date": "2026-11-05", "amount": "1033.32"}],
    )  # fmt: skip
    ErrorReport.objects.create(
        user=user, organism="caf", source="caf", dataset="allocation_adulte_handicape",
        subject="AAH", message="La date de début est fausse.", answered_by=agent,
    )  # fmt: skip
    overpayment = Overpayment.objects.create(
        user=user, organism="caf", benefit_key="aah", amount=Decimal("120.00"), reason="Ressources",
        period_start=dt.date(2026, 1, 1), period_end=dt.date(2026, 3, 31), notified_on=dt.date(2026, 5, 1),
        recourse_deadline=dt.date(2026, 7, 1), repayment="direct", created_by=agent,
    )  # fmt: skip
    OverpaymentRequest.objects.create(overpayment=overpayment, kind="remission", message="Je ne peux pas.")
    Simulation.objects.create(
        user=user, answers={"logement": {"rent": "700"}}, sources={}, result={"benefits": []}
    )
    Preference.objects.create(user=user, category="paiement", email=True)
    notification = Notification.objects.create(
        user=user, kind="payment-missing", dedup_key="payment-missing:aah:2026-11", category="paiement",
        title="Pas de versement de l'AAH en novembre", body="…", organism="caf",
    )  # fmt: skip
    Delivery.objects.create(notification=notification, channel="inbox", status="sent")
    Delivery.objects.create(notification=notification, channel="email", status="pending")
    journal_record(
        person_id=user.pk, actor="system", source="caf", endpoint="/v3/dss/allocation_adulte_handicape",
        purpose="récupération des données, connexion", outcome="ok",
    )  # fmt: skip
    journal_record(
        person_id=user.pk, actor=f"citizen:{user.pk}", source="caf", endpoint="page Mes données",
        purpose="affichage à la personne", outcome="displayed",
    )  # fmt: skip
    if agent is not None:
        journal_record(
            person_id=user.pk, actor=f"agent:{agent.pk}", source="caf", endpoint="signalement",
            purpose="lecture du signalement", outcome="displayed",
        )  # fmt: skip


@pytest.fixture
def claire(db):
    from accounts.models import User

    return User.objects.create_user(username="claire", email="claire@caf.example", kind=User.Kind.AGENT)


@pytest.fixture
def joelle(citizen_of, claire):
    user = citizen_of("caractères_spéciaux", consents=("caf", "cpam"))
    fill(user, agent=claire)
    return user


@pytest.fixture
def pierre(citizen_of):
    user = citizen_of("avec_nom_dusage", consents=("caf",))
    fill(user)
    return user


@pytest.fixture
def members_publication(joelle, pierre, claire):
    return Publication.objects.create(
        agency="caf", author=claire, via="backoffice", title="Rendez-vous", body="…",
        audience="members", member_ids=[joelle.pk, pierre.pk],
    )  # fmt: skip
