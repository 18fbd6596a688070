import gc
import threading

from simulator.engine import system


def test_system_is_built_once_and_shared_by_threads(tax_benefit_system):
    seen = []
    threads = [
        threading.Thread(target=lambda: seen.append(system.get_tax_benefit_system())) for _ in range(4)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(item is tax_benefit_system for item in seen)


def test_system_includes_local_and_paris_extensions(tax_benefit_system):
    assert "paris_logement" in tax_benefit_system.variables
    assert "rennes_metropole_transport" in tax_benefit_system.variables


def test_parameter_cache_is_enlarged_for_this_system_only(tax_benefit_system):
    assert system.parameter_cache_info().maxsize == system.PARAMETER_CACHE_SIZE
    assert type(tax_benefit_system).get_parameters_at_instant.cache_info().maxsize == 128


def test_warm_up_runs_a_simulation_and_freezes_the_heap():
    try:
        system.warm_up()
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
