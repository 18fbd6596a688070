"""The multi-benefit simulator on OpenFisca France: situations pre-filled from agency data, results
explained and linked to the catalogue, changes of situation. Depends on accounts, agencies, rights."""
