"""The questionnaire: steps in the mes-aides order, their forms, and answers → engine Situation."""
