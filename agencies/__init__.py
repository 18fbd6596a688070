"""The organisms (CAF, MSA, CPAM, CNAV, France Travail, DGFiP, CROUS...), their API clients
(API Particulier, API Impôt particulier), the person's consent per organism and the access journal.
Depends on accounts."""
