"""One client module per external API, sharing one HTTP layer (`http.py`) and one set of domain
errors (`errors.py`). Clients return typed answers (`schemas.py`) or raise a domain error."""
