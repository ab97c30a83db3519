"""Cairn load scenario: gunicorn + PostgreSQL, N social workers for a while, p50/p95/p99.

Run (see bench/README.md):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/cairn_bench \
        .venv/bin/python bench/load/run.py --yes-this-is-a-bench-database

It gives real seeded case holders a password for this run (put back afterwards), serves Cairn
with gunicorn (debug off, two-factor off as in the demo settings), runs locust headless against
it, and writes `bench/results-load.json`. The visits it records are written to the database: use
a benchmark copy only. Not part of the test suite: speed is measured here, never asserted.
"""

import argparse
import json
import os
import platform
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import warnings
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))
warnings.filterwarnings("ignore", message="No directory at")  # static files are not served
# The demo settings with debug off: what `make demo` serves, less the debug overhead, and with
# two-factor off (ADR 0024) so the scenario signs in with a password alone.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cairn.settings.dev")
os.environ["DEBUG"] = "0"
os.environ["CAIRN_REQUIRE_TWO_FACTOR"] = "0"
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/cairn_bench"
BIN = Path(sys.executable).parent


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results-load.json")
    parser.add_argument("--users", type=int, default=50, help="concurrent users (default 50)")
    parser.add_argument("--spawn-rate", type=float, default=10, help="users started per second")
    parser.add_argument("--duration", default="5m", help="locust run time, e.g. 30s, 5m")
    parser.add_argument("--wait", default="1-3", help="think time between tasks, seconds MIN-MAX")
    parser.add_argument("--accounts", type=int, default=None, help="staff to sign in as")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=2, help="gunicorn threads per worker")
    parser.add_argument("--seed", type=int, default=1, help="seed for choosing staff and children")
    parser.add_argument(
        "--no-migrate", action="store_true", help="do not run migrate first (default: run it)"
    )
    parser.add_argument(
        "--yes-this-is-a-bench-database",
        dest="confirmed",
        action="store_true",
        help="required: the run sets passwords and records visits in DATABASE_URL",
    )
    return parser.parse_args(argv)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, server: subprocess.Popen, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn exited with status {server.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - our own server
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.5)
    raise SystemExit(f"gunicorn did not answer {url} within {timeout:.0f}s")


def warm_up(base: str, account: dict, rounds: int) -> None:
    """Untimed: sign in as one account and open each kind of page `rounds` times, so every
    gunicorn worker has compiled its templates before locust starts timing."""
    import http.cookiejar
    import re
    from urllib.parse import urlencode

    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    )
    page = opener.open(f"{base}/accounts/sign-in/", timeout=120).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    form = {"username": account["username"], "password": account["password"]}
    request = urllib.request.Request(  # noqa: S310 - our own server
        f"{base}/accounts/sign-in/",
        data=urlencode({**form, "csrfmiddlewaretoken": token}).encode(),
        headers={"Referer": f"{base}/accounts/sign-in/"},
    )
    opener.open(request, timeout=120).read()
    child = account["pages"][0]
    paths = [
        f"/children/{child['pk']}/",
        f"/people/search/?{urlencode({'q': child['name']})}",
        "/children/caseload/",
        "/timescales/alerts/mine/",
    ]
    if account["visits"]:
        paths.append(f"/children/{account['visits'][0]['pk']}/visits/new/")
    for _ in range(rounds):
        for path in paths:
            opener.open(f"{base}{path}", timeout=120).read()


def _git(*args: str) -> str:
    try:
        done = subprocess.run(  # noqa: S603
            ["git", *args],  # noqa: S607
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
    except OSError:
        return ""
    return done.stdout.strip()


def environment(args: argparse.Namespace) -> dict:
    from django.db import connection

    from cairn.accounts.models import User
    from cairn.people.models import Person

    with connection.cursor() as cursor:
        cursor.execute("SELECT version(), pg_database_size(current_database())")
        version, size = cursor.fetchone()
    return {
        "command": " ".join([Path(sys.executable).name, *sys.argv]),
        "git_commit": _git("rev-parse", "--short", "HEAD"),
        "git_uncommitted_files": len(_git("status", "--porcelain").splitlines()),
        "started_utc": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "database": connection.settings_dict["NAME"],
        "server": version,
        "database_mb": round(size / 1024 / 1024),
        "children": Person.objects.filter(la_child_id__isnull=False).count(),
        "people": Person.objects.count(),
        "staff": User.objects.count(),
        "cpus": os.cpu_count(),
        "load_average_before": [round(x, 2) for x in os.getloadavg()],
        "python": platform.python_version(),
        "settings": os.environ["DJANGO_SETTINGS_MODULE"] + " with DEBUG=0, two-factor off",
        "gunicorn": f"-k gthread -w {args.workers} --threads {args.threads} --keep-alive 10",
        "locust": (
            f"-u {args.users} -r {args.spawn_rate} -t {args.duration}, think time {args.wait} s"
        ),
    }


def start_gunicorn(args: argparse.Namespace, port: int, log: Path) -> subprocess.Popen:
    command = [
        str(BIN / "gunicorn"),
        "cairn.wsgi",
        "--bind",
        f"127.0.0.1:{port}",
        "--worker-class",
        "gthread",
        "--workers",
        str(args.workers),
        "--threads",
        str(args.threads),
        "--timeout",
        "60",
        # Idle keep-alive connections stay open longer than a user's think time: with gunicorn's
        # default (2 s) a user's next request can race the server closing its connection.
        "--keep-alive",
        "10",
        "--preload",
        "--log-level",
        "warning",
    ]
    with log.open("w") as out:
        return subprocess.Popen(command, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)  # noqa: S603


def run_locust(args: argparse.Namespace, port: int, work: Path) -> int:
    env = {
        **os.environ,
        "CAIRN_LOAD_ACCOUNTS": str(work / "accounts.json"),
        "CAIRN_LOAD_SUMMARY": str(work / "summary.json"),
        "CAIRN_LOAD_WAIT": args.wait,
    }
    command = [
        str(BIN / "locust"),
        "-f",
        str(HERE / "locustfile.py"),
        "--headless",
        "--host",
        f"http://127.0.0.1:{port}",
        "--users",
        str(args.users),
        "--spawn-rate",
        str(args.spawn_rate),
        "--run-time",
        args.duration,
        "--stop-timeout",
        "30",
        "--only-summary",
        "--csv",
        str(work / "locust"),
        "--loglevel",
        "WARNING",
    ]
    return subprocess.run(command, cwd=ROOT, env=env, check=False).returncode  # noqa: S603


def print_summary(results: dict) -> None:
    load, env = results["load"], results["environment"]
    print(f"\nLoad: {env['locust']} against gunicorn {env['gunicorn']}, {env['database']}")
    header = f"{'request':<24}{'n':>7}{'fail':>6}{'p50':>7}{'p95':>7}{'p99':>7}{'req/s':>8}"
    print(header)
    rows = [("overall", load["overall"]), ("mix (no sign-in)", load["mix_without_sign_in"])]
    rows += list(load["by_request"].items())
    for name, row in rows:
        print(
            f"{name:<24}{row['requests']:>7}{row['failures']:>6}{row['p50_ms'] or 0:>7}"
            f"{row['p95_ms'] or 0:>7}{row['p99_ms'] or 0:>7}{row['requests_per_s'] or 0:>8}"
        )
    for error in load["errors"]:
        print(f"  error: {error['name']}: {error['error']} (x{error['occurrences']})")
    print(f"Wrote {results['out']}")


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if not args.confirmed:
        print(
            "This run sets passwords on staff accounts and records visits in DATABASE_URL.\n"
            "Run it only against a benchmark copy, with --yes-this-is-a-bench-database.",
            file=sys.stderr,
        )
        return 2
    os.environ.setdefault("DATABASE_URL", DEFAULT_URL)
    import django

    django.setup()
    from django.db import connection
    from staff import accounts_prepare, accounts_restore

    from cairn.demo.seeding import council_is_seeded

    if connection.vendor != "postgresql":
        print("The load scenario runs against PostgreSQL (DATABASE_URL).", file=sys.stderr)
        return 2
    from django.core.management import call_command

    if not args.no_migrate:
        call_command("migrate", interactive=False, verbosity=0)  # as bench/run.py does
    if not council_is_seeded():
        print("No council in the database: run `make bench` (or seed_demo) first.", file=sys.stderr)
        return 2
    env = environment(args)
    accounts, old_hashes = accounts_prepare(count=args.accounts or args.users, seed=args.seed)
    connection.close()
    if not accounts:
        print("No case-holding staff with children to sign in as.", file=sys.stderr)
        return 2
    env["accounts"] = len(accounts)
    work = Path(tempfile.mkdtemp(prefix="cairn-load-"))
    (work / "accounts.json").write_text(json.dumps(accounts))
    port = free_port()
    server = start_gunicorn(args, port, work / "gunicorn.log")
    try:
        wait_for(f"http://127.0.0.1:{port}/accounts/sign-in/", server)
        warm_up(f"http://127.0.0.1:{port}", accounts[0], rounds=args.workers * args.threads)
        print(f"gunicorn on port {port}; {len(accounts)} staff accounts; running locust...")
        status = run_locust(args, port, work)
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        accounts_restore(old_hashes)
        (work / "accounts.json").unlink(missing_ok=True)  # it holds this run's password
    env["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
    summary = work / "summary.json"
    if not summary.exists():
        print(f"locust wrote no summary (exit {status}); see {work}", file=sys.stderr)
        return 1
    results = {"environment": env, "load": json.loads(summary.read_text()), "out": str(args.out)}
    results["gunicorn_log_tail"] = (work / "gunicorn.log").read_text().splitlines()[-20:]
    args.out.write_text(json.dumps(results, indent=2) + "\n")
    print_summary(results)
    failures = results["load"]["overall"]["failures"]
    return 1 if failures or status not in (0,) else 0


if __name__ == "__main__":
    sys.exit(main())
