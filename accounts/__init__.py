"""Who the person is: citizens (logged in with FranceConnect, keyed by their `sub`) and agency
agents (e-mail, password and TOTP). Lowest layer: depends on no other product app."""
