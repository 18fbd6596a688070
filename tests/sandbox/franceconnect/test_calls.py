def test_calls_record_paths_and_parameters_without_secrets(fc):
    callback = fc.code_for("test")
    fc.token(callback["code"])

    calls = fc.http.get(f"{fc.base_url}/_sandbox/calls", params={"path": "/api/v2/token"}, timeout=10).json()[
        "calls"
    ]

    assert len(calls) == 1
    assert calls[0]["method"] == "POST"
    assert calls[0]["status"] == 200
    assert calls[0]["params"]["client_secret"] == "***"
    assert calls[0]["params"]["code"] == "***"
    assert calls[0]["params"]["client_id"] == "mesdroits-demo"


def test_calls_keep_the_authorize_parameters(fc):
    callback = fc.code_for("test")

    calls = fc.http.get(f"{fc.base_url}/_sandbox/calls", timeout=10).json()["calls"]

    assert [call["path"] for call in calls] == ["/api/v2/authorize"]
    assert calls[0]["params"]["state"] == callback["state"]
    assert calls[0]["params"]["nonce"] == callback["nonce"]
