"""Fetching a person's data from every source they consented to, in parallel.

HTTP calls run in a thread pool and touch no database; results are stored, journaled and reported
as progress from the calling thread, source by source, as they arrive. A source that fails keeps
its last good data (shown with its date); a source whose breaker is open, or that asked us to back
off, is not called at all.
"""

import logging
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass

import pybreaker
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from pydantic import BaseModel

from accounts.models import User
from agencies.breaker import backoff_start, backoff_until, breaker_for
from agencies.connectors.api_particulier import ENDPOINTS, ApiParticulierClient, payload_of
from agencies.connectors.errors import ConnectorError, NeedsFranceConnect, NotFound, RateLimited
from agencies.connectors.identity import PivotIdentity
from agencies.connectors.impot_particulier import ImpotParticulierClient
from agencies.connectors.schemas import QuotientFamilial
from agencies.models import AgencyData, Consent, FetchRun, JournalEntry
from agencies.services.journal import journal_record
from agencies.services.schooling import schoolings_fetch
from agencies.signals import fetch_run_finished
from agencies.sources import sources

logger = logging.getLogger(__name__)
FC_TOKEN_SECONDS = 120
# What the journal's `endpoint` says of each call (API Particulier's calls: their path, in ENDPOINTS).
DGFIP_ENDPOINT = "dgfip:dernieresituation/deuxans"
SCHOOLING_ENDPOINT = "/v4/men/scolarites"


def dataset_of_endpoint(endpoint: str) -> str | None:
    """The dataset a journaled call asked for ("/v3/dss/quotient_familial" → "quotient_familial")."""
    calls = {item.path: key for key, item in ENDPOINTS.items()}
    calls |= {DGFIP_ENDPOINT: "revenu_fiscal", SCHOOLING_ENDPOINT: "scolarite"}
    return calls.get(endpoint)


@dataclass(frozen=True)
class Outcome:
    source: str
    dataset: str
    endpoint: str
    answer: BaseModel | None = None
    error: ConnectorError | None = None
    skipped: str = ""  # why the source was not called


def _token_key(run_id: int) -> str:
    return f"agencies:fetchrun:{run_id}:fc-token"


def fetch_run_tokens_forget(*, run_ids: list[int]) -> int:
    """Delete the FranceConnect tokens handed to these runs' workers (an account deleted);
    returns how many were still there."""
    keys = [_token_key(run_id) for run_id in run_ids]
    present = len(cache.get_many(keys))
    cache.delete_many(keys)
    return present


def fetch_run_start(
    *, user: User, france_connect_token: str | None = None, purpose: str = "connexion"
) -> FetchRun:
    """Create a run for the consented sources and queue it once the transaction commits.

    The FranceConnect token lives a minute or two: it is handed to the worker through the cache,
    never in the task's arguments (which brokers and logs keep).
    """
    from agencies.tasks import fetch_run_execute_task

    consented = list(
        Consent.objects.filter(user=user, revoked_at__isnull=True).values_list("source", flat=True)
    )
    run = FetchRun.objects.create(
        user=user,
        purpose=purpose,
        progress={source: {"state": "pending", "label": sources()[source].label} for source in consented},
    )
    if france_connect_token:
        cache.set(_token_key(run.pk), france_connect_token, FC_TOKEN_SECONDS)
    transaction.on_commit(lambda: fetch_run_execute_task.delay(run.pk))
    return run


def pivot_identity(user: User) -> PivotIdentity | None:
    identity = getattr(user, "identity", None)
    if identity is None:
        return None
    return PivotIdentity(
        family_name=identity.family_name,
        given_names=tuple(identity.given_name.split()),
        birthdate=identity.birthdate,
        gender=identity.gender,
        birthplace=identity.birthplace,
        birthcountry=identity.birthcountry,
    )


def _call_one(source: str, dataset: str, *, identity, token: str | None, identifier: str) -> Outcome:
    endpoint = DGFIP_ENDPOINT if source == "dgfip" else ENDPOINTS[dataset].path

    def ask(with_token: str | None) -> BaseModel:
        if source == "dgfip":
            return ImpotParticulierClient().last_situation(france_connect_token=with_token)
        return ApiParticulierClient().fetch(
            dataset, identity=identity, france_connect_token=with_token, identifier=identifier or None
        )

    # One breaker object per call: pybreaker holds its lock for the whole call, which would
    # serialise a source's datasets; the shared state is in Redis.
    breaker = breaker_for(source)
    try:
        try:
            answer = breaker.call(ask, token)
        except NeedsFranceConnect:
            if not token or source == "dgfip":
                raise
            answer = breaker.call(ask, None)  # the FC token expired: identity mode instead
    except pybreaker.CircuitBreakerError as e:
        cause = e.__context__ if isinstance(e.__context__, ConnectorError) else None
        return Outcome(source, dataset, endpoint, error=cause, skipped="" if cause else "circuit ouvert")
    except ConnectorError as e:
        return Outcome(source, dataset, endpoint, error=e)
    return Outcome(source, dataset, endpoint, answer=answer)


SCHOOLING_SOURCE = "education_nationale"


def _schooling_outcome(user: User) -> Outcome:
    endpoint = SCHOOLING_ENDPOINT
    family = AgencyData.objects.filter(
        user=user, source="caf", dataset="quotient_familial", status=AgencyData.Status.FOUND
    ).first()
    if family is None:
        return Outcome(SCHOOLING_SOURCE, "scolarite", endpoint, skipped="pas de dossier CAF ou MSA")
    if backoff_until(SCHOOLING_SOURCE):
        return Outcome(SCHOOLING_SOURCE, "scolarite", endpoint, skipped="attente demandée")
    try:
        answer = breaker_for(SCHOOLING_SOURCE).call(
            schoolings_fetch,
            family=QuotientFamilial.model_validate(family.payload),
            today=timezone.localdate(),
        )
    except pybreaker.CircuitBreakerError as e:
        cause = e.__context__ if isinstance(e.__context__, ConnectorError) else None
        return Outcome(
            SCHOOLING_SOURCE, "scolarite", endpoint, error=cause, skipped="" if cause else "circuit ouvert"
        )
    except ConnectorError as e:
        return Outcome(SCHOOLING_SOURCE, "scolarite", endpoint, error=e)
    return Outcome(SCHOOLING_SOURCE, "scolarite", endpoint, answer=answer)


def _organism(user: User, source: str, dataset: str, answer: BaseModel | None) -> str:
    if dataset == "quotient_familial" and answer is not None:
        return "msa" if answer.quotient_familial.fournisseur.upper() == "MSA" else "caf"
    if source == "caf":
        qf = AgencyData.objects.filter(user=user, source="caf", dataset="quotient_familial").first()
        if qf and qf.organism:
            return qf.organism
    return sources()[source].organisms[0]


def _store(user: User, outcome: Outcome, *, purpose: str, actor: str) -> str:
    """Keep what the outcome says; return the journal outcome."""
    now = timezone.now()
    key = {"user": user, "source": outcome.source, "dataset": outcome.dataset}
    if outcome.skipped:
        result = JournalEntry.Outcome.SKIPPED
    elif outcome.answer is not None or isinstance(outcome.error, NotFound):
        found = outcome.answer is not None
        AgencyData.objects.update_or_create(
            **key,
            defaults={
                "status": AgencyData.Status.FOUND if found else AgencyData.Status.NOT_FOUND,
                "payload": payload_of(outcome.answer) if found else {},
                "organism": _organism(user, outcome.source, outcome.dataset, outcome.answer),
                "fetched_at": now,
                "last_attempt_at": now,
                "last_error": "",
            },
        )
        if found and outcome.dataset == "quotient_familial":
            # Only this answer names the provider (CAF or MSA); the family-benefit statuses
            # stored before it in this run take it too.
            organism = _organism(user, outcome.source, outcome.dataset, outcome.answer)
            AgencyData.objects.filter(user=user, source=outcome.source).update(organism=organism)
        result = JournalEntry.Outcome.OK if found else JournalEntry.Outcome.NOT_FOUND
    else:
        # The error's message is redacted at construction (see agencies.connectors.redaction).
        logger.warning(
            "agency fetch failed for user %s, %s/%s: %s: %s",
            user.pk, outcome.source, outcome.dataset, type(outcome.error).__name__, outcome.error,
        )  # fmt: skip
        AgencyData.objects.filter(**key).update(
            last_attempt_at=now, last_error=outcome.error.user_message[:255]
        )
        if isinstance(outcome.error, RateLimited):
            backoff_start(outcome.source, seconds=outcome.error.retry_after)
        result = JournalEntry.Outcome.ERROR
    journal_record(
        person_id=user.pk, actor=actor, source=outcome.source, endpoint=outcome.endpoint,
        purpose=purpose, outcome=result,
    )  # fmt: skip
    return result


def _source_state(results: list[str]) -> str:
    if all(result == JournalEntry.Outcome.SKIPPED for result in results):
        return "skipped"
    if any(result == JournalEntry.Outcome.ERROR for result in results):
        return "error"
    if all(result == JournalEntry.Outcome.NOT_FOUND for result in results):
        return "not_found"
    return "ok"


def fetch_run_execute(*, run_id: int) -> FetchRun:
    """Run a fetch. Idempotent: a finished run is left as it is."""
    run = FetchRun.objects.select_related("user", "user__identity").get(pk=run_id)
    if run.status == FetchRun.Status.DONE:
        return run
    run.status = FetchRun.Status.RUNNING
    run.save(update_fields=["status"])
    user = run.user
    token = cache.get(_token_key(run.pk))
    identity = pivot_identity(user)
    consents = {c.source: c for c in Consent.objects.filter(user=user, revoked_at__isnull=True)}
    planned = {source: [dataset.key for dataset in sources()[source].datasets] for source in consents}
    results: dict[str, list[str]] = {source: [] for source in consents}

    def record(outcome: Outcome) -> None:
        """Store and journal one outcome; report its source's state once all its datasets are in."""
        purpose = f"récupération des données, {run.purpose}"
        results[outcome.source].append(_store(user, outcome, purpose=purpose, actor="system"))
        if len(results[outcome.source]) == len(planned[outcome.source]):
            run.progress[outcome.source]["state"] = _source_state(results[outcome.source])
            run.save(update_fields=["progress"])

    with ThreadPoolExecutor(max_workers=settings.AGENCIES_FETCH_THREADS) as pool:
        futures = []
        for source, consent in consents.items():
            if source == SCHOOLING_SOURCE:
                continue  # second phase: it needs the family file
            if backoff_until(source):
                for dataset in planned[source]:
                    record(
                        Outcome(source, dataset, ENDPOINTS.get(dataset, source), skipped="attente demandée")
                    )
                continue
            futures += [
                pool.submit(
                    _call_one, source, dataset, identity=identity, token=token, identifier=consent.identifier
                )
                for dataset in planned[source]
            ]
        for future in as_completed(futures):
            record(future.result())
    if SCHOOLING_SOURCE in consents:
        record(_schooling_outcome(user))
    cache.delete(_token_key(run.pk))
    run.status = FetchRun.Status.DONE
    run.finished_at = timezone.now()
    run.save(update_fields=["status", "finished_at"])
    logger.info("fetch run %s done in %.2fs", run.pk, (run.finished_at - run.created_at).total_seconds())
    transaction.on_commit(
        lambda: fetch_run_finished.send(sender=FetchRun, user_id=user.pk, run_id=run.pk), robust=True
    )
    return run
