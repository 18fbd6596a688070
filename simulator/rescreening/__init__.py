"""Re-screening members who do not log in, as Celery work spread over any number of workers.

A run (``ScreeningRun``) is planned into chunks (``ScreeningChunk``) of at most
``SIMULATOR_RESCREENING_CHUNK_HOUSEHOLDS`` members, by user id. Each chunk is one task: it pre-fills
every member's answers from today's agency data exactly as the login does
(``simulator.services.simulation_prefilled_draft``), builds every member's screening variants
(``simulator.screening.screening_plan``), computes all of them in ONE vectorised simulation, splits
the results back, classifies each member with the login's own ``screening_classify``, and writes
the simulations and the potential rights (``potential_rights_hand_over``, the login's path, so the
"new potential right" alert sees robust findings only) in the same transaction as the chunk's
``done``. A killed worker's chunk is taken over once its claim is older than the lease.

- ``batch``: many drafts → one computation → their screened results (no database writes);
- ``services``: runs, planning, chunks (claim, compute, commit), the sweeper;
- ``selectors``: the members a run covers, a run's progress;
- ``tasks``: the Celery tasks, thin.

Chunk size and memory (``SIMULATOR_RESCREENING_CHUNK_HOUSEHOLDS``, 100 by default). A member's
screening computes one household per combination of their unknowns: 1 when the agencies said
everything, typically 12–16 (housing × activity), at most 3 communes × 4 housings × 4 activities
× 3 partner incomes = 144 (a couple no agency knows). Measured here (``/proc/self/status``): a
warmed worker holds about 270 MB, and ``compute_many`` adds about 33 KB a household (11,520
households of the worst kind: 646 MB peak). So 100 members at 144 variants each ≈ 270 + 100 × 144
× 0.033 ≈ 750 MB, under 1 GB with room for the members' rows and drafts; a base of typical members
(≤ 16 variants) could take 600 a chunk for the same bound.
"""
