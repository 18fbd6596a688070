"""A person withdraws their consent to a source: the pre-filled answers that came from it go, and so
do the results computed from them.

Which answers came from it is asked of the pre-fill itself rather than guessed from source labels:
an answer whose pre-fill the remaining agency data no longer gives (or gives from another source)
rested on the withdrawn data. Answers the person typed or changed have no pre-fill source and stay.
"""

from __future__ import annotations

import logging

from django.db import transaction

from accounts.models import User
from rights.services import simulator_findings_forget
from simulator.models import Simulation
from simulator.prefill import prefill_answers

logger = logging.getLogger(__name__)
META = "_meta"


@transaction.atomic
def simulation_forget_withdrawn_data(*, user_id: int) -> bool:
    """Call once the withdrawn source's data is deleted. Removes the answers and sources it gave,
    the stored result (the simulation then needs recomputing: the results page sends the person
    back to the recap) and the potential rights handed to the rights view. True if anything went."""
    simulation = Simulation.objects.select_for_update().filter(user_id=user_id).first()
    if simulation is None:
        return False
    user = User.objects.select_related("identity").get(pk=user_id)
    fresh_answers, fresh_sources = prefill_answers(user=user)
    answers = {step: dict(values) if isinstance(values, dict) else values
               for step, values in simulation.answers.items()}  # fmt: skip
    removed = []
    for name, origin in list(simulation.sources.items()):
        if fresh_sources.get(name, {}).get("source") == origin.get("source"):
            continue
        step, field = name.split(".", 1)
        answers.get(step, {}).pop(field, None)
        del simulation.sources[name]
        removed.append(name)
    meta = answers.get(META, {})
    # "given" holds what the person said outside the questionnaire (their commune): theirs to keep.
    for key in [key for key in meta if key not in fresh_answers.get(META, {}) and key != "given"]:
        del meta[key]  # e.g. which organism (CAF or MSA) holds the family file
        removed.append(f"{META}.{key}")
    if not removed:
        return False
    simulation.answers = answers
    simulation.result, simulation.result_key, simulation.computed_at = None, "", None
    simulation.save(update_fields=["answers", "sources", "result", "result_key", "computed_at", "updated_at"])
    simulator_findings_forget(user=user)
    logger.info(
        "simulation of user %s: %d pre-filled answer(s) from withdrawn data removed", user_id, len(removed)
    )
    return True
