"""What the portal holds about a person, app by app: one exporter per model that refers to them.

Each exporter names the model, how it reaches the person and the fields kept out (secrets, never
personal data about them). `tests/privacy/test_exporters.py` fails when a model gains a foreign key
to the user that no exporter covers and `NOT_EXPORTED` does not explain: a new model cannot be
forgotten silently, in the export or in the deletion.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models

from accounts.models import CitizenIdentity, DeviceSession, User
from agencies.models import AgencyData, AgentMembership, Consent, FetchRun, JournalEntry
from alerts.models import Delivery, Notification, Preference
from rights.models import ErrorReport, Overpayment, OverpaymentRequest, Right
from simulator.models import Simulation


@dataclass(frozen=True)
class Exporter:
    key: str  # the section's key in the JSON
    label: str  # its title in the PDF, in French
    model: type[models.Model]
    path: str = "user"  # lookup from the model to the person
    by_id: bool = False  # the model holds the person's id, not a foreign key (the journal)
    exclude: tuple[str, ...] = ()

    @property
    def fields(self) -> list[str]:
        return [
            field.attname if field.is_relation else field.name
            for field in self.model._meta.concrete_fields
            if field.name not in self.exclude
        ]

    def queryset(self, user: User) -> models.QuerySet:
        return self.model.objects.filter(**{self.path: user.pk if self.by_id else user})

    def rows(self, user: User) -> list[dict]:
        return list(self.queryset(user).order_by("pk").values(*self.fields))


EXPORTERS: tuple[Exporter, ...] = (
    # accounts
    Exporter("compte", "Votre compte", User, path="pk", by_id=True, exclude=("password",)),
    Exporter("identite", "Votre identité (FranceConnect)", CitizenIdentity),
    # the session's key is a credential, not information about the person
    Exporter("appareils", "Les appareils où vous êtes connecté", DeviceSession, exclude=("session_key",)),
    # agencies
    Exporter("accords", "Vos accords pour chaque source de données", Consent),
    Exporter("donnees_organismes", "Les données reçues des organismes, avec leur date", AgencyData),
    Exporter("recuperations", "Les récupérations de vos données", FetchRun),
    Exporter("journal", "Le journal des accès à vos données", JournalEntry, path="person_id", by_id=True),
    Exporter("rattachement_agent", "Votre rattachement à un organisme (agents)", AgentMembership),
    # rights
    Exporter("droits", "Vos droits et leurs versements", Right),
    Exporter("signalements", "Vos signalements d'erreur (droit à l'erreur)", ErrorReport),
    Exporter("indus", "Les indus (trop-perçus) qui vous concernent", Overpayment),
    Exporter("demandes_indus", "Vos demandes sur ces indus", OverpaymentRequest, path="overpayment__user"),
    # simulator: the resume token is a key, not information about the person
    Exporter("simulation", "Vos réponses au simulateur et leurs résultats", Simulation, exclude=("token",)),
    # alerts
    Exporter("alertes", "Vos alertes et messages", Notification),
    Exporter("envois", "Les envois de ces alertes (espace, e-mail)", Delivery, path="notification__user"),
    Exporter("preferences_alertes", "Vos préférences d'alertes par e-mail", Preference),
)

# Foreign keys to the user that are not about the person as a citizen, and why.
NOT_EXPORTED: dict[str, str] = {
    "admin.LogEntry.user": "actions of staff in the Django admin",
    "account.EmailAddress.user": "agents' login addresses (allauth); citizens log in with FranceConnect",
    "mfa.Authenticator.user": "agents' second factors: secrets, never exported",
    "agencies.AgentMembership.invited_by": "the agent who invited another agent",
    "rights.ErrorReport.answered_by": "the agent who answered (SET_NULL when that agent goes)",
    "rights.Overpayment.created_by": "the agent who recorded the overpayment",
    "alerts.Publication.author": "the agent who wrote an agency's message",
}


def covered_foreign_keys() -> set[str]:
    """ "app.Model.field" of every foreign key to the user an exporter follows."""
    covered = set()
    for exporter in EXPORTERS:
        model, parts = exporter.model, exporter.path.split("__")
        for part in parts:
            if part in {"pk", "person_id"}:
                break
            field = model._meta.get_field(part)
            covered.add(f"{model._meta.label}.{field.name}")
            model = field.related_model
    return covered
