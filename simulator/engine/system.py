"""The one OpenFisca tax-benefit system of the process.

Building openfisca-france with its two local extensions takes several seconds and ~hundreds of MB,
so it is built once per process, lazily and under a lock, then shared read-only by every request.
Simulations, which hold mutable caches, are never shared: each computation builds its own
(see ``simulator.engine.mapping``).
"""

from __future__ import annotations

import functools
import gc
import logging
import threading
import time
import warnings
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from openfisca_core.taxbenefitsystems import TaxBenefitSystem

logger = logging.getLogger(__name__)

# Extensions loaded on top of openfisca-france, in order. Both are plain packages exposing
# variables and parameters; ``load_extension`` takes the importable package name.
EXTENSIONS = ("openfisca_france_local", "openfisca_paris")

# openfisca-core memoises ``TaxBenefitSystem.get_parameters_at_instant`` with a bare
# ``functools.lru_cache`` (128 entries, shared by the class). One simulation with a 3-year look-back
# already touches ~40 instants (every month plus year starts), so two requests on different months
# evict each other's parameter trees and the next request rebuilds them (up to +40% time).
# Each entry is a lazily-filled ParameterNodeAtInstant; 2,048 covers every month of ~20 years of
# legislation for a few MB per instant actually used.
PARAMETER_CACHE_SIZE = 2048

_lock = threading.Lock()
_system: TaxBenefitSystem | None = None


def _build_system() -> TaxBenefitSystem:
    from openfisca_france import FranceTaxBenefitSystem

    system = FranceTaxBenefitSystem()
    with warnings.catch_warnings():
        # openfisca-france-local has a "\\%" in a label; compiling it warns, and under
        # ``-W error`` (our test suite) the whole file of variables would silently fail to load.
        warnings.filterwarnings("ignore", message=r"invalid escape sequence", category=DeprecationWarning)
        warnings.filterwarnings("ignore", message=r"invalid escape sequence", category=SyntaxWarning)
        for extension in EXTENSIONS:
            system.load_extension(extension)
    _enlarge_parameter_cache(system, PARAMETER_CACHE_SIZE)
    return system


def _enlarge_parameter_cache(system: TaxBenefitSystem, maxsize: int) -> None:
    """Give this system its own, larger parameters-at-instant cache.

    The class-level ``lru_cache`` wraps the unbound method; we re-wrap the original function
    bound to this instance, so the library class (and other systems, e.g. in tests) are untouched.
    """
    unbound = type(system).get_parameters_at_instant
    original = getattr(unbound, "__wrapped__", unbound)
    bound = functools.partial(original, system)
    system.get_parameters_at_instant = functools.lru_cache(maxsize=maxsize)(bound)


def get_tax_benefit_system() -> TaxBenefitSystem:
    """Return the process-wide tax-benefit system (France + local + Paris), building it on first use.

    Thread-safe: concurrent first calls wait for a single build.
    """
    global _system
    if _system is None:
        with _lock:
            if _system is None:
                started = time.perf_counter()
                _system = _build_system()
                logger.info("OpenFisca system built in %.1f s", time.perf_counter() - started)
    return _system


def parameter_cache_info() -> functools._CacheInfo:
    """Hits, misses and size of the enlarged parameter cache (for monitoring and tests)."""
    return get_tax_benefit_system().get_parameters_at_instant.cache_info()


def warm_up() -> None:
    """Build the system, run one full simulation, then freeze the heap for copy-on-write forks.

    Call it in the parent process BEFORE forking (gunicorn ``on_starting``/``when_ready`` with
    ``preload_app``, Celery ``worker_init``): the children then share the system's memory pages, and
    ``gc.freeze()`` keeps the garbage collector from touching (hence copying) those objects.
    """
    from simulator.engine.benefits import compute_benefits
    from simulator.engine.situation import example_situation

    started = time.perf_counter()
    get_tax_benefit_system()
    compute_benefits(example_situation())
    gc.collect()
    gc.freeze()
    logger.info("OpenFisca warm-up done in %.1f s", time.perf_counter() - started)
