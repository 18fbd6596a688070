"""Signals the agencies app sends, so that higher layers (rights, simulator, alerts) can react to
new agency data without agencies importing them."""

from django.dispatch import Signal

# Sent once a fetch run is done, with `user_id` and `run_id`, after its data is committed.
fetch_run_finished = Signal()
