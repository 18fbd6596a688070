"""Say, in `make run`'s output, when Mes Droits is ready: once /healthz answers "ok".

The web and the worker warm OpenFisca before they serve (ten seconds or so, more on a busy
machine); until then /healthz refuses the connection, then answers "starting". This polls it and
prints one line when every part is up, and one line if it takes unusually long. Standard library
only; run by the Procfile, which keeps the process alive afterwards (honcho stops everything when
one process ends).
"""

import argparse
import json
import sys
import time
import urllib.error
import urllib.request


def health_status(url: str, timeout: float) -> str:
    """ "ok", "starting", "error", or "down" when nothing answers."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 (a loopback http URL)
            return json.load(response).get("status", "error")
    except urllib.error.HTTPError as e:  # 503 still carries the report
        try:
            return json.load(e).get("status", "error")
        except ValueError:
            return "error"
    except (OSError, ValueError):
        return "down"


def wait_until_ready(site_url: str, *, interval: float, patience: float, timeout: float) -> None:
    healthz = f"{site_url}/healthz"
    started = time.monotonic()
    warned = False
    while (status := health_status(healthz, timeout)) != "ok":
        if not warned and time.monotonic() - started > patience:
            print(
                f"Mes Droits n'est pas encore prêt après {patience:.0f} s (état : {status}) ; "
                f"détail : {healthz}",
                flush=True,
            )
            warned = True
        time.sleep(interval)
    print(f"Mes Droits est prêt : {site_url}/", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True, help="the web's port (WEB_PORT)")
    parser.add_argument("--interval", type=float, default=1.0, help="seconds between two polls")
    parser.add_argument("--patience", type=float, default=180.0, help="seconds before saying it is slow")
    parser.add_argument("--timeout", type=float, default=5.0, help="seconds each poll may take")
    args = parser.parse_args(argv)
    wait_until_ready(
        f"http://127.0.0.1:{args.port}", interval=args.interval, patience=args.patience, timeout=args.timeout
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
