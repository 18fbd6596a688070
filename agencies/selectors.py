"""Reads of the agencies app, shaped for the screens."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils import formats

from accounts.models import User
from agencies.facts import AgencyFacts, facts_from_rows
from agencies.models import AgencyData, Consent, FetchRun, JournalEntry
from agencies.registry import organism, organisms
from agencies.services.fetch import dataset_of_endpoint
from agencies.sources import Source, sources


def agency_facts(*, user: User) -> AgencyFacts:
    """What the agencies say about the person, from their answers stored now (one query)."""
    return facts_from_rows(AgencyData.objects.filter(user=user, status=AgencyData.Status.FOUND))


def _date(value: str | None) -> str:
    if not value:
        return "—"
    if value.endswith("-00"):
        return value[:4]
    return formats.date_format(dt.date.fromisoformat(value), "j F Y")


def _euros(value: float | None) -> str:
    return "—" if value is None else f"{formats.number_format(value, 2, force_grouping=True)} €"


def _status(payload: dict, name: str) -> list[tuple[str, str]]:
    if "status" in payload:  # AEEH
        payload = {**payload, "est_beneficiaire": payload["status"] != "non_beneficiaire"}
    if not payload.get("est_beneficiaire"):
        return [(name, "pas de droit ouvert")]
    rows = [(name, f"droit ouvert depuis le {_date(payload.get('date_debut_droit'))}")]
    if payload.get("avec_majoration"):
        rows.append(("Majoration", "oui (parent isolé)"))
    if payload.get("avec_participation") is not None:
        rows.append(
            ("Participation financière", "oui" if payload["avec_participation"] else "non (gratuite)")
        )
    return rows


def dataset_facts(dataset: str, payload: dict) -> list[tuple[str, str]]:
    """The facts of one dataset as (label, value) rows in French."""
    if dataset == "quotient_familial":
        qf = payload["quotient_familial"]
        rows = [
            (
                "Quotient familial",
                f"{qf.get('valeur')} € ({qf.get('fournisseur')}, {qf.get('mois')}/{qf.get('annee')})",
            )
        ]
        rows += [
            ("Allocataire", f"{p['prenoms'].title()} {p['nom_naissance']}")
            for p in payload.get("allocataires", [])
        ]
        rows += [
            ("Enfant", f"{p['prenoms'].title()}, né(e) le {_date(p.get('date_naissance'))}")
            for p in payload.get("enfants", [])
        ]
        if payload.get("adresse"):
            rows.append(
                (
                    "Adresse",
                    f"{payload['adresse'].get('numero_libelle_voie') or ''} {payload['adresse'].get('code_postal_ville') or ''}".strip(),
                )
            )
        return rows
    names = {
        "revenu_solidarite_active": "RSA",
        "prime_activite": "Prime d'activité",
        "allocation_adulte_handicape": "AAH",
        "allocation_soutien_familial": "ASF",
        "allocation_enfant_handicape": "AEEH",
        "complementaire_sante_solidaire": "Complémentaire santé solidaire",
    }
    if dataset in names:
        return _status(payload, names[dataset])
    if dataset == "france_travail_statut":
        registration = payload.get("inscription") or {}
        category = (registration.get("categorie") or {}).get("code")
        return [
            ("Identifiant", payload["identifiant"]),
            ("Inscrit depuis le", _date(registration.get("date_debut"))),
            ("Catégorie", str(category) if category else "—"),
        ]
    if dataset == "france_travail_indemnites":
        return [
            (f"Versement du {_date(p['date_versement'])}", _euros(p["montant_total"]))
            for p in payload.get("paiements", [])
        ]
    if dataset == "statut_etudiant":
        return [
            (
                "Inscription",
                f"{'inscrit' if a['est_inscrit'] else 'admis'} du {_date(a.get('date_debut'))} au {_date(a.get('date_fin'))}",
            )
            for a in payload.get("admissions", [])
        ] or [("Inscription", "aucune")]
    if dataset == "etudiant_boursier":
        level = (payload.get("echelon_bourse") or {}).get("echelon")
        period = payload.get("periode_versement_bourse") or {}
        return [
            ("Boursier", "oui" if payload["statut_boursier"]["est_boursier"] else "non"),
            ("Échelon", level or "—"),
            (
                "Versement",
                f"{period.get('duree') or '?'} mois à partir du {_date(period.get('date_rentree'))}",
            ),
        ]
    if dataset == "scolarite":
        rows = []
        for pupil in payload.get("eleves", []):
            schooling = pupil.get("scolarite")
            if not schooling:
                rows.append((pupil["prenom"], "scolarité inconnue de l'Éducation nationale"))
                continue
            grant = (
                f", boursier échelon {schooling['echelon_bourse']}" if schooling.get("est_boursier") else ""
            )
            level = (schooling.get("module_elementaire_formation") or {}).get("libelle") or ""
            rows.append(
                (
                    pupil["prenom"],
                    f"{level} — {schooling['etablissement'].get('nom') or ''}{grant}".strip(" —"),
                )
            )
        return rows
    if dataset == "revenu_fiscal":
        return [
            ("Revenus de l'année", str(payload["annee_revenus"])),
            ("Revenu fiscal de référence", _euros(payload.get("revenu_fiscal_reference"))),
            ("Nombre de parts", str(payload.get("nombre_parts") or "—")),
            ("Situation de famille", payload.get("situation_famille") or "—"),
        ]
    return []


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
                dataset_facts(dataset.key, row.payload)
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
