"""Checking the catalogue's links out: every official page, procedure and organism contact."""

import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from rights.catalogue import benefits, organisms_info

USER_AGENT = "MesDroits-link-check/1.0 (+https://github.com/)"


@dataclass(frozen=True)
class LinkResult:
    url: str
    where: str  # e.g. "rsa.procedures.caf"
    outcome: str  # "ok", "broken" or "unreachable"
    detail: str = ""


def catalogue_links() -> dict[str, list[str]]:
    """Each distinct URL with every place it is used."""
    found: dict[str, list[str]] = {}
    for key, item in benefits().items():
        found.setdefault(item.info_url, []).append(f"{key}.info_url")
        for code, url in item.procedures.items():
            found.setdefault(url, []).append(f"{key}.procedures.{code}")
    for code, organism in organisms_info().items():
        for name in ("contact_url", "online_services_url", "mediator_url"):
            url = getattr(organism, name)
            if url:
                found.setdefault(url, []).append(f"organisms.{code}.{name}")
    return found


def link_check(url: str, *, timeout: float) -> tuple[str, str]:
    """("ok" | "broken" | "unreachable", detail). HEAD first, GET when a server refuses HEAD."""
    if not url.startswith(("https://", "http://")):  # never file: or other schemes
        return "broken", "not an http(s) URL"
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})  # noqa: S310
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 -- http(s) only, validated
                return "ok", str(response.status)
        except urllib.error.HTTPError as e:
            if method == "HEAD" and e.code in (403, 405, 501):
                continue
            return "broken", f"HTTP {e.code}"
        except (urllib.error.URLError, TimeoutError, OSError) as e:
            reason = getattr(e, "reason", e)
            return "unreachable", str(reason)[:200]
    return "broken", "refused"


def links_check(*, links: dict[str, list[str]], timeout: float, threads: int = 8) -> list[LinkResult]:
    def one(url: str) -> list[LinkResult]:
        outcome, detail = link_check(url, timeout=timeout)
        return [LinkResult(url, where, outcome, detail) for where in links[url]]

    with ThreadPoolExecutor(max_workers=threads) as pool:
        return [result for results in pool.map(one, sorted(links)) for result in results]
