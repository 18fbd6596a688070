"""Reads of the agencies app, shaped for the screens."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import QuerySet

from accounts.models import User
from agencies.display import dataset_rows
from agencies.facts import AgencyFacts, facts_from_rows
from agencies.models import AgencyData, Consent, FetchRun, JournalEntry
from agencies.registry import organism, organisms
from agencies.services.fetch import dataset_of_endpoint
from agencies.sources import Source, sources


def agency_facts(*, user: User) -> AgencyFacts:
    """What the agencies say about the person, from their answers stored now (one query)."""
    return facts_from_rows(AgencyData.objects.filter(user=user, status=AgencyData.Status.FOUND))


@dataclass
class DatasetView:
    key: str
    label: str
    data: AgencyData | None
    facts: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class SourceView:
    source: Source
    consent: Consent | None
    datasets: list[DatasetView]

    @property
    def organism_name(self) -> str:
        fetched = [d.data for d in self.datasets if d.data]
        code = fetched[0].organism if fetched else self.source.organisms[0]
        return organism(code).short_name

    @property
    def fetched_at(self) -> dt.datetime | None:
        dates = [d.data.fetched_at for d in self.datasets if d.data]
        return min(dates) if dates else None

    @property
    def is_stale(self) -> bool:
        return any(d.data.is_stale for d in self.datasets if d.data)


def sources_for_user(*, user: User) -> list[SourceView]:
    """Every source with the person's consent and the data it gave, in registry order (2 queries)."""
    consents = {consent.source: consent for consent in Consent.objects.filter(user=user)}
    stored = {(row.source, row.dataset): row for row in AgencyData.objects.filter(user=user)}
    views = []
    for code, source in sources().items():
        datasets = []
        for dataset in source.datasets:
            row = stored.get((code, dataset.key))
            facts = (
                dataset_rows(dataset.key, row.payload)
                if row and row.status == AgencyData.Status.FOUND
                else []
            )
            datasets.append(DatasetView(key=dataset.key, label=dataset.label, data=row, facts=facts))
        views.append(SourceView(source=source, consent=consents.get(code), datasets=datasets))
    return views


def has_active_consent(*, user: User) -> bool:
    return Consent.objects.filter(user=user, revoked_at__isnull=True).exists()


def fetch_run_for_user(*, user: User, run_id: int) -> FetchRun:
    """The run, only if it is the person's own (FetchRun.DoesNotExist otherwise)."""
    return FetchRun.objects.get(pk=run_id, user=user)


def journal_for_person(*, user: User, limit: int = 200) -> QuerySet[JournalEntry]:
    return JournalEntry.objects.filter(person_id=user.pk)[:limit]


@dataclass(frozen=True)
class JournalLine:
    """One journal entry as the person reads it: who holds the data and what it is, in French."""

    entry: JournalEntry
    organism: str  # "CAF ou MSA", "Impôts (DGFiP)", "Éducation nationale"
    data: str  # the dataset's label, or what the entry says ("consentement", "page Mes droits")

    @property
    def who(self) -> str:
        actor = self.entry.actor
        if actor == "system":
            return "Mes Droits"
        return "Un agent de l'organisme" if actor.startswith("agent") else "Vous"


def _journal_organism(source: str) -> str:
    if source in sources():
        return sources()[source].label
    entry = organisms().get(source)
    return entry.short_name if entry else source


def _journal_data(source: str, endpoint: str) -> str:
    dataset = dataset_of_endpoint(endpoint)
    known = sources().get(source)
    labels = {item.key: item.label for item in known.datasets} if known else {}
    return labels.get(dataset, endpoint)


def journal_lines_for_person(*, user: User, limit: int = 200) -> list[JournalLine]:
    """The person's access history, newest first, with the organisms' and datasets' French names."""
    return [
        JournalLine(
            entry=entry,
            organism=_journal_organism(entry.source),
            data=_journal_data(entry.source, entry.endpoint),
        )
        for entry in journal_for_person(user=user, limit=limit)
    ]
