"""Signals the simulator sends; apps above it (the public statistics) connect receivers.

`simulation_computed` (sender: None; `logged_in`: bool) is sent when a person has computed their
results from the questionnaire. It carries no identity and no answer.
"""

from django.dispatch import Signal

simulation_computed = Signal()
