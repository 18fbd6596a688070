"""Signals the agencies app sends, so that higher layers (rights, simulator, alerts) can react to
new agency data without agencies importing them."""

from django.dispatch import Signal

# Sent once a fetch run is done, with `user_id` and `run_id`, after its data is committed.
fetch_run_finished = Signal()

# Sent when a person withdraws their consent to a source, with `user_id` and `source` (a code of
# agencies/data/sources.yaml), inside the transaction that deletes the source's data. Not on commit
# and not through Celery: "withdrawn" must mean gone by the time the withdrawal's response is
# rendered, and all or nothing — a receiver that fails rolls the whole withdrawal back, so the person
# never sees their consent withdrawn while rights built from it are still shown. Receivers delete
# what their app derived from that source, synchronously; they run in the apps' order (rights,
# simulator, alerts), lowest layer first, so each sees what the layers below have already removed.
consent_withdrawn = Signal()
