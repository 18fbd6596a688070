"""Screens of the simulator: questionnaire, results, changes of situation, and the commune lookup."""
