"""Everything the portal holds about a person (GDPR articles 15 and 20): JSON for machines, a PDF
for people. Both are built from the exporters' registry, so they always say the same thing."""

from __future__ import annotations

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import capfirst

from accounts.models import User
from agencies.services.journal import journal_record
from privacy.exporters import EXPORTERS

FORMAT = "mes-droits/export-donnees-personnelles/1"


def personal_data(*, user: User) -> dict:
    return {
        "format": FORMAT,
        "generated_at": timezone.now(),
        "sections": {
            exporter.key: {"title": exporter.label, "rows": exporter.rows(user)} for exporter in EXPORTERS
        },
    }


def personal_data_journal(*, user: User, what: str) -> None:
    """An export shows the agencies' data: journaled as a display to the person, per source held."""
    held = {row["source"] for row in EXPORTERS_BY_KEY["donnees_organismes"].rows(user)}
    for source in sorted(held):
        journal_record(
            person_id=user.pk, actor=f"citizen:{user.pk}", source=source, endpoint=what,
            purpose="export de ses données demandé par la personne (RGPD)", outcome="displayed",
        )  # fmt: skip


def personal_data_json(*, user: User) -> bytes:
    data = personal_data(user=user)
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2).encode()


def personal_data_pdf(*, user: User, base_url: str) -> bytes:
    from weasyprint import HTML  # heavy import, only for this download

    data = personal_data(user=user)
    sections = [
        {
            "title": section["title"],
            "rows": [
                [(_label(EXPORTERS_BY_KEY[key], name), _readable(value)) for name, value in row.items()]
                for row in section["rows"]
            ],
        }
        for key, section in data["sections"].items()
    ]
    html = render_to_string(
        "privacy/export_pdf.html",
        {"sections": sections, "generated_at": timezone.localtime(data["generated_at"])},
    )
    return HTML(string=html, base_url=base_url).write_pdf()


# Fields without a French verbose name, named for the PDF; the JSON keeps the field names.
LABELS = {
    "id": "numéro", "user_id": "personne (numéro)", "person_id": "personne (numéro)", "source": "source",
    "dataset": "jeu de données", "organism": "organisme", "status": "état", "payload": "contenu reçu",
    "fetched_at": "reçu le", "last_attempt_at": "dernière demande le", "last_error": "dernière erreur",
    "granted_at": "accordé le", "revoked_at": "retiré le", "identifier": "identifiant",
    "created_at": "créé le", "updated_at": "modifié le", "finished_at": "terminé le", "progress": "avancement",
    "key": "prestation", "domain": "domaine", "start_date": "début", "end_date": "fin",
    "amount": "montant", "periodicity": "périodicité", "category": "catégorie", "email": "par e-mail",
    "kind": "type", "dedup_key": "clé", "read_at": "lu le", "archived_at": "archivé le", "at": "date",
    "actor": "qui", "endpoint": "donnée", "outcome": "résultat", "answers": "réponses",
    "sources": "origine des réponses", "result": "résultats", "computed_at": "calculé le",
    "channel": "canal", "attempts": "tentatives", "sent_at": "envoyé le", "notification_id": "alerte (numéro)",
    "overpayment_id": "indu (numéro)", "date_joined": "inscrit le", "last_login": "dernière connexion",
    "username": "nom d'utilisateur", "first_name": "prénom", "last_name": "nom",
}  # fmt: skip


def _label(exporter, name: str) -> str:
    field = exporter.model._meta.get_field(name)
    verbose = str(field.verbose_name)
    return capfirst(LABELS.get(name, verbose) if verbose == field.name.replace("_", " ") else verbose)


def _readable(value) -> str:
    if value is None or value == "" or value == [] or value == {}:
        return "—"
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, dict | list):
        return json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


EXPORTERS_BY_KEY = {exporter.key: exporter for exporter in EXPORTERS}
