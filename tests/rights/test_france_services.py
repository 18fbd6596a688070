import json

import pytest
from django.core.management import CommandError, call_command

from rights import france_services
from rights.france_services import commune_by_postal_code, commune_get, nearest_sites

CSV_HEADER = ('"id_fs","insee_dep","lib_fs","adresse","complement_adresse","insee_com","code_postal","lib_com",'
              '"latitude","longitude","mail","telephone","h_lundi","h_mardi","h_mercredi","h_jeudi","h_vendredi",'
              '"h_samedi","prise_rdv","commentaire","type_fs","format_fs","groupe_fs","labellisation_fs"\n')  # fmt: skip


def test_nearest_sites_of_a_corsican_commune():
    ajaccio = commune_get("2A004")
    sites = nearest_sites(commune=ajaccio, count=3)
    assert ajaccio.name == "Ajaccio"
    assert sites[0].city == "Ajaccio"
    assert all(site.department.startswith("2A") for site in sites)


def test_a_postal_code_prefers_the_arrondissement():
    assert commune_by_postal_code("13013").code == "13213"
    assert commune_by_postal_code("99999") is None


def test_the_update_command_checks_then_replaces(tmp_path, monkeypatch):
    monkeypatch.setattr(
        "rights.management.commands.rights_update_france_services.SITES_FILE", tmp_path / "fs.csv"
    )
    monkeypatch.setattr(
        "rights.management.commands.rights_update_france_services.COMMUNES_FILE", tmp_path / "c.csv"
    )
    sites = tmp_path / "in.csv"
    sites.write_text(CSV_HEADER + '"1","01","FS","1 rue",,"01001","01400","Ville",46.1,5.8,,,,,,,,,"Non",,"Principal","Fixe",,\n',
                     encoding="utf-8")  # fmt: skip
    communes = tmp_path / "communes.json"
    communes.write_text(json.dumps([{"code": "01001", "nom": "Ville", "type": "commune-actuelle", "departement": "01",
                                     "codesPostaux": ["01400"]}, {"code": "X", "type": "commune-deleguee"}]))  # fmt: skip
    call_command("rights_update_france_services", "--sites", sites, "--communes", communes)
    assert (tmp_path / "c.csv").read_text(encoding="utf-8").splitlines() == [
        "code,nom,departement,parent,codes_postaux",
        "01001,Ville,01,,01400",
    ]
    assert (tmp_path / "fs.csv").read_bytes() == sites.read_bytes()

    sites.write_text('"id_fs","lib_fs"\n"1","FS"\n', encoding="utf-8")
    with pytest.raises(CommandError, match="missing column"):
        call_command("rights_update_france_services", "--sites", sites, "--communes", communes)


def test_the_shipped_data_has_its_licence():
    assert (france_services.DATA_DIR / "LICENCE-france-services.md").exists()
    assert "Licence Ouverte" in france_services.ATTRIBUTION
