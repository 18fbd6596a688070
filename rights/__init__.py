"""The benefit catalogue (data files) and the person's rights built from agency data: the 360° view,
payments, the right to error. Depends on accounts and agencies."""
