"""Re-screening members who do not log in, as Celery work spread over any number of workers.

A run (``ScreeningRun``) is planned into chunks (``ScreeningChunk``) of at most
``SIMULATOR_RESCREENING_CHUNK_HOUSEHOLDS`` members, by user id. Each chunk is one task: it pre-fills
every member's answers from today's agency data exactly as the login does
(``simulator.services.simulation_prefilled_draft``), builds every member's screening variants
(``simulator.screening.screening_plan``), computes all of them in ONE vectorised simulation, splits
the results back, classifies each member with the login's own ``screening_classify``, and writes
the simulations and the potential rights (``rights.services.potential_rights_replace_many``: the
login's rules for the whole chunk in a constant number of queries, so the "new potential right"
alert sees robust findings only) in the same transaction as the chunk's
``done``. A killed worker's chunk is taken over once its claim is older than the lease.

- ``batch``: many drafts → one computation → their screened results (no database writes);
- ``services``: runs, planning, chunks (claim, compute, commit), the sweeper;
- ``selectors``: the members a run covers, a run's progress;
- ``tasks``: the Celery tasks, thin.

Chunk size, memory and time. A member's screening computes one household per combination of their
unknowns: 1 when the agencies said everything, typically 4–16 (housing × activity), at most 3
communes × 4 housings × 4 activities × 3 partner incomes = 144 (a couple no agency knows).
Measured here (``bench/bench_rescreening.py``, VmHWM): a worker re-screening holds about 510 MB
before its first chunk's households (warmed OpenFisca, communes, catalogue, first-run caches) plus
about 65 KB per household of the simulation in progress (inputs, results, drafts): 731 MB for
3,460 households. Hence:

- ``batch.MAX_HOUSEHOLDS_PER_SIMULATION`` = 6,000 → 510 + 6,000 × 0.065 ≈ 900 MB, under 1 GB
  whatever the members;
- ``SIMULATOR_RESCREENING_CHUNK_HOUSEHOLDS`` = 500 members: ONE simulation for the usual chunk
  (500 × ≤ 12 variants), several of ≤ 6,000 households only for members with many unknowns; a
  worst chunk (500 × 144 = 72,000 households) takes 2–4 minutes, inside the chunk task's own
  10-minute limit (``services.CHUNK_SOFT_TIME_LIMIT_SECONDS``).
"""
