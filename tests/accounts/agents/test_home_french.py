"""The agents' home page speaks French: "en tant qu'agent de la CAF", not "en tant que agent de CAF"."""


def test_the_agent_home_elides_que_and_names_the_organism_with_its_article(claire_client):
    response = claire_client.get("/agents/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "<strong>qu'agent</strong> de la CAF." in html
    assert "en tant que agent" not in html


def test_the_admin_home_elides_que_before_administrateur(alice_client):
    html = alice_client.get("/agents/").content.decode()

    assert "<strong>qu'administrateur</strong> de la CAF." in html
    assert "que administrat" not in html


def test_the_invitations_table_is_captioned_with_the_article(alice_client):
    html = alice_client.get("/agents/invitations/").content.decode()

    assert "Agents de la CAF</caption>" in html
