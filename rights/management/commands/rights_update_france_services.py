"""Refresh the France Services list and the communes it is searched by (docs/rights.md).

    manage.py rights_update_france_services --sites liste-fs-AAAAMMJJ.csv --communes communes.json

`--sites`: the ANCT CSV ("Liste des structures France services", data.gouv.fr, Licence Ouverte 2.0);
`--communes`: `data/communes.json` of the npm package @etalab/decoupage-administratif. Both are
checked before anything is replaced; update `ATTRIBUTION` in rights/france_services.py with the date.
"""

import csv
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from rights.france_services import COMMUNES_FILE, SITES_FILE

SITE_COLUMNS = {"lib_fs", "adresse", "complement_adresse", "insee_com", "insee_dep", "code_postal", "lib_com",
                "latitude", "longitude", "telephone", "mail", "h_lundi", "h_samedi", "prise_rdv", "type_fs"}  # fmt: skip
COMMUNE_TYPES = {"commune-actuelle", "arrondissement-municipal"}


class Command(BaseCommand):
    help = (
        "Met à jour la liste des France services et des communes (fichiers ouverts de l'ANCT et de l'INSEE)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--sites", type=Path, required=True)
        parser.add_argument("--communes", type=Path, required=True)

    def handle(self, *args, sites: Path, communes: Path, **options) -> None:
        try:
            with sites.open(encoding="utf-8", newline="") as handle:
                reader = csv.DictReader(handle)
                missing = SITE_COLUMNS - set(reader.fieldnames or [])
                rows = list(reader)
            entries = json.loads(communes.read_text(encoding="utf-8"))
        except (OSError, ValueError) as e:
            raise CommandError(f"cannot read the input files: {e}") from e
        if missing:
            raise CommandError(f"{sites}: missing column(s) {sorted(missing)}")
        if not rows or any(not row["latitude"] or not row["insee_com"] for row in rows):
            raise CommandError(f"{sites}: empty, or a site without position or commune")
        SITES_FILE.write_bytes(sites.read_bytes())
        with COMMUNES_FILE.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["code", "nom", "departement", "parent", "codes_postaux"])
            kept = 0
            for entry in entries:
                if entry.get("type") in COMMUNE_TYPES:
                    writer.writerow([entry["code"], entry["nom"], entry.get("departement", ""),
                                     entry.get("commune", ""), " ".join(entry.get("codesPostaux", []))])  # fmt: skip
                    kept += 1
        self.stdout.write(self.style.SUCCESS(f"{len(rows)} France services et {kept} communes enregistrées."))
