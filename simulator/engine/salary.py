"""Net-to-gross inversion for salaries.

Portal users know their net pay (``salaire_net``), but openfisca-france derives the taxable salary
(``salaire_imposable``, used by housing aids and family benefits' resources) from the base salary
(``salaire_de_base``). Giving ``salaire_net`` alone leaves ``salaire_imposable`` at 0, so those
resources vanish. We therefore feed ``salaire_de_base``, found by inverting OpenFisca's own
base-to-net computation for each month (contribution rates change over time).
"""

from __future__ import annotations

import threading

import numpy as np
from openfisca_core.simulation_builder import SimulationBuilder

from simulator.engine.system import get_tax_benefit_system

# Base salaries (€/month) at which OpenFisca's net salary is sampled; dense where most people are.
_GRID = np.concatenate([np.arange(0, 5000, 100), np.arange(5000, 30001, 1000)]).astype(float)


_calibrations: dict[str, tuple[np.ndarray, np.ndarray]] = {}
_lock = threading.Lock()


def _samples(months: list[str]) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """OpenFisca's (net, taxable) salary at each ``_GRID`` base salary, per month, once per process.

    Missing months are computed together in one simulation (private-sector, non-executive employee),
    which shares parameter look-ups between months.
    """
    missing = sorted(set(months) - _calibrations.keys())
    if missing:
        with _lock:
            system = get_tax_benefit_system()
            simulation = SimulationBuilder.build_default_simulation(system, count=len(_GRID))
            for month in missing:
                simulation.set_input("salaire_de_base", month, _GRID)
            for month in missing:
                net = simulation.calculate("salaire_net", month).astype(float)
                taxable = simulation.calculate("salaire_imposable", month).astype(float)
                _calibrations[month] = (net, taxable)
    return {month: _calibrations[month] for month in months}


def salaries_from_net(net_by_month: dict[str, np.ndarray]) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """``(salaire_de_base, salaire_imposable)`` matching each net salary, per month (vectorised).

    Setting the taxable salary directly (rather than letting OpenFisca recompute every contribution
    for each month of the look-back) keeps a simulation fast, and consistent with OpenFisca's own
    base-to-net computation since both come from it.
    """
    samples = _samples(list(net_by_month))
    result = {}
    for month, net in net_by_month.items():
        net = np.asarray(net, dtype=float)
        net_samples, taxable_samples = samples[month]
        base = np.interp(net, net_samples, _GRID)
        taxable = np.interp(net, net_samples, taxable_samples)
        # Beyond the grid the ratios are flat: extrapolate with the top ones.
        top = net > net_samples[-1]
        base[top] = net[top] * (_GRID[-1] / net_samples[-1])
        taxable[top] = net[top] * (taxable_samples[-1] / net_samples[-1])
        result[month] = (base, taxable)
    return result
