"""Everything a web or Celery process loads once, before it forks, so children share the pages."""

import gc
import logging

logger = logging.getLogger(__name__)


def warm_process() -> None:
    """Build and warm the OpenFisca system, load the communes and the catalogue, then freeze the heap."""
    from rights.catalogue import benefits
    from simulator.communes import load
    from simulator.engine import warm_up

    warm_up()
    load()
    benefits()
    gc.collect()
    gc.freeze()
    logger.info("Simulator warmed up (OpenFisca, communes, catalogue)")
