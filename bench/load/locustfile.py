"""The load scenario: social workers signed in as themselves, searching, opening children's pages,
working through their caseload and alerts, and recording visits.

Run by `bench/load/run.py` (see bench/README.md), which prepares the sign-ins and starts gunicorn.
Environment:

- CAIRN_LOAD_ACCOUNTS: JSON file of accounts (username, password, children to open, visit and
  search for), written by run.py;
- CAIRN_LOAD_SUMMARY: where to write the figures (JSON) when locust stops;
- CAIRN_LOAD_WAIT: think time between tasks in seconds, "MIN-MAX" (default 1-3).

Every response is checked: the status expected (200, or 302 for a sign-in or a saved visit) and a
marker of the right page (its heading or the child's name), so a sign-in page served instead of a
child's page, or a form sent back with errors, counts as a failure.
"""

import datetime as dt
import html
import itertools
import json
import os
import random
import re
from pathlib import Path
from zoneinfo import ZoneInfo

from locust import HttpUser, between, events, task

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
VISIT_SAVED = re.compile(r"/children/visits/\d+/$")
LONDON = ZoneInfo("Europe/London")


def _accounts() -> list[dict]:
    path = os.environ.get("CAIRN_LOAD_ACCOUNTS")
    if not path:
        raise SystemExit("Set CAIRN_LOAD_ACCOUNTS (bench/load/run.py does).")
    accounts = json.loads(Path(path).read_text())
    if not accounts:
        raise SystemExit("No accounts to sign in with.")
    return accounts


def _wait():
    low, _, high = os.environ.get("CAIRN_LOAD_WAIT", "1-3").partition("-")
    return between(float(low), float(high or low))


ACCOUNTS = _accounts()
_next_account = itertools.cycle(ACCOUNTS)


class SocialWorker(HttpUser):
    """One member of staff: signs in once, then does a social worker's day in a random mix."""

    wait_time = _wait()

    def on_start(self):
        self.account = next(_next_account)
        self.rng = random.Random()
        self.sign_in()

    # --- checks ----------------------------------------------------------------------------

    def _get(self, url: str, *, name: str, markers: list[str], **kwargs):
        """GET a page that should answer 200 and contain every marker; returns the text."""
        with self.client.get(url, name=name, catch_response=True, **kwargs) as response:
            if response.status_code != 200:
                reason = type(response.error).__name__ if response.error else ""
                response.failure(f"status {response.status_code} (expected 200) {reason}".strip())
                return None
            missing = [m for m in markers if m not in response.text]
            if missing:
                response.failure(f"page lacks {missing[0]!r}")
                return None
            response.success()
            return response.text

    def _token(self, text: str | None) -> str | None:
        match = CSRF.search(text or "")
        return match.group(1) if match else None

    # --- sign in ---------------------------------------------------------------------------

    def sign_in(self):
        page = self._get("/accounts/sign-in/", name="sign in (page)", markers=["password"])
        token = self._token(page)
        data = {
            "username": self.account["username"],
            "password": self.account["password"],
            "csrfmiddlewaretoken": token or "",
        }
        with self.client.post(
            "/accounts/sign-in/",
            data=data,
            name="sign in",
            allow_redirects=False,
            catch_response=True,
            headers={"Referer": self.host + "/accounts/sign-in/"},
        ) as response:
            location = response.headers.get("Location", "")
            if response.status_code == 302 and "sign-in" not in location:
                response.success()
            else:
                response.failure(f"sign-in refused: status {response.status_code}")

    # --- the mix ---------------------------------------------------------------------------

    @task(3)
    def search(self):
        # Half by name (a large council has many children of one name, and the page lists the
        # best matches, so the check is that matches of that name are listed), half by LA child
        # ID (the check is that this child is found).
        child = self.rng.choice(self.account["searches"])
        by_name = self.rng.random() < 0.5
        self._get(
            "/people/search/",
            params={"q": child["name"] if by_name else child["la_child_id"]},
            name="search",
            markers=[
                "Search for a child or adult",
                html.escape(child["name"]) if by_name else child["la_child_id"],
            ],
        )

    @task(4)
    def child_page(self):
        child = self.rng.choice(self.account["pages"])
        self._get(
            f"/children/{child['pk']}/",
            name="child page",
            markers=[html.escape(child["name"]), child["la_child_id"]],
        )

    @task(2)
    def caseload(self):
        self._get("/children/caseload/", name="caseload", markers=["Your caseload"])

    @task(2)
    def alerts(self):
        self._get("/timescales/alerts/mine/", name="your alerts", markers=["Your alerts"])

    @task(1)
    def record_visit(self):
        if not self.account["visits"]:
            return self.child_page()
        child = self.rng.choice(self.account["visits"])
        url = f"/children/{child['pk']}/visits/new/"
        page = self._get(url, name="visit form", markers=["Record a visit"])
        token = self._token(page)
        if token is None:
            return None
        today = dt.datetime.now(LONDON).date()
        data = {
            "csrfmiddlewaretoken": token,
            "kind": self.rng.choice(["cin", "cp", "other"]),
            "visited_on_0": str(today.day),
            "visited_on_1": str(today.month),
            "visited_on_2": str(today.year),
            "location": "The family home",
            "present": "Parent",
            "child_seen": "yes",
            "seen_alone": self.rng.choice(["yes", "no"]),
            "bedroom_seen": self.rng.choice(["yes", "no"]),
            "wishes_and_feelings": "Wants to stay at the same school (load test, synthetic).",
            "direct_work": "",
            "observations": "Bench load scenario visit (synthetic).",
            "analysis": "",
        }
        with self.client.post(
            url,
            data=data,
            name="visit (save)",
            allow_redirects=False,
            catch_response=True,
            headers={"Referer": self.host + url},
        ) as response:
            location = response.headers.get("Location", "")
            if response.status_code == 302 and VISIT_SAVED.search(location):
                response.success()
            else:
                response.failure(f"visit not saved: status {response.status_code}")
        return None


# --- figures --------------------------------------------------------------------------------

PERCENTILES = (0.5, 0.95, 0.99)


def _figures(entry, duration: float) -> dict:
    n = entry.num_requests
    return {
        "requests": n,
        "failures": entry.num_failures,
        "p50_ms": entry.get_response_time_percentile(0.5) if n else None,
        "p95_ms": entry.get_response_time_percentile(0.95) if n else None,
        "p99_ms": entry.get_response_time_percentile(0.99) if n else None,
        "mean_ms": round(entry.avg_response_time, 1),
        "max_ms": round(entry.max_response_time or 0, 1),
        "requests_per_s": round(n / duration, 2) if duration else None,
    }


@events.quitting.add_listener
def _write_summary(environment, **_kwargs):
    """Overall, per request type, and the mix without signing in (done once per user)."""
    path = os.environ.get("CAIRN_LOAD_SUMMARY")
    if not path or environment.stats is None:
        return
    from locust.stats import StatsEntry

    stats = environment.stats
    total = stats.total
    duration = max((total.last_request_timestamp or 0) - total.start_time, 0.0)
    mix = StatsEntry(stats, "mix (without sign-in)", "", use_response_times_cache=False)
    per_type = {}
    for (name, method), entry in sorted(stats.entries.items()):
        per_type[name] = {"method": method, **_figures(entry, duration)}
        if not name.startswith("sign in"):
            mix.extend(entry)
    errors = [
        {"name": e.name, "method": e.method, "error": str(e.error), "occurrences": e.occurrences}
        for e in stats.errors.values()
    ]
    summary = {
        "duration_s": round(duration, 1),
        "overall": _figures(total, duration),
        "mix_without_sign_in": _figures(mix, duration),
        "by_request": per_type,
        "errors": errors,
    }
    Path(path).write_text(json.dumps(summary, indent=2) + "\n")
