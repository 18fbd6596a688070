"""Walking the questionnaire with Django's test client."""

from simulator.models import Simulation


def answer(client, step: str, data: dict, action: str = "next"):
    return client.post(f"/simulateur/etape/{step}/", {**data, "action": action})


def answer_all(client, answers: dict) -> None:
    for step in ("profil", "foyer", "enfants", "logement", "revenus"):
        if step in answers:
            response = answer(client, step, answers[step])
            assert response.status_code == 302, (step, response.content.decode()[-2000:])


def session_answers(client) -> dict:
    return client.session.get("simulator", {}).get("answers", {})


def no_simulation_kept() -> bool:
    return not Simulation.objects.exists()
