"""Cairn benchmark: seed a large council once, then time child search and the child page.

Run (see bench/README.md):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/cairn_bench \
        .venv/bin/python bench/run.py --out bench/results.json

Not part of the test suite: speed is measured here, never asserted in tests.
"""

import argparse
import datetime as dt
import json
import os
import platform
import random
import statistics
import sys
import time
import warnings
from pathlib import Path
from urllib.parse import unquote, urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
warnings.filterwarnings("ignore", message="No directory at")  # static files are not built here
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cairn.settings.dev")
os.environ.setdefault("DEBUG", "0")  # debug mode would keep every query in memory
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/cairn_bench"

from scorecard_bench import bench_scorecard  # noqa: E402 (bench/ is on the path: run as a script)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results.json")
    parser.add_argument("--size", default="large", choices=["small", "medium", "large"])
    parser.add_argument("--seed", type=int, default=1, help="seed for the council and queries")
    parser.add_argument("--searches", type=int, default=200, help="searches to time (all users)")
    parser.add_argument("--pages", type=int, default=200, help="pages of each kind to time")
    parser.add_argument("--caseloads", type=int, default=100, help="caseload lists to time")
    parser.add_argument(
        "--only",
        type=lambda text: [name for name in text.split(",") if name],
        default=[],
        help="comma-separated benches to run (default: all), e.g. drift_report,cin_census",
    )
    return parser.parse_args(argv)


def ensure_database(url: str) -> bool:
    """Create the PostgreSQL database named in `url` if it is missing. True if created."""
    parts = urlparse(url)
    if not parts.scheme.startswith("postgres"):
        return False
    import psycopg
    from psycopg import sql

    name = unquote(parts.path.lstrip("/"))
    with psycopg.connect(
        host=parts.hostname or "127.0.0.1",
        port=parts.port or 5432,
        user=unquote(parts.username or "postgres"),
        password=unquote(parts.password) if parts.password else None,
        dbname="postgres",
        autocommit=True,
    ) as conn:
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            return False
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        return True


def percentiles(samples: list[float]) -> dict:
    """p50/p95/mean/max in milliseconds."""
    cuts = statistics.quantiles(samples, n=100, method="inclusive")
    return {
        "n": len(samples),
        "p50_ms": round(cuts[49] * 1000, 2),
        "p95_ms": round(cuts[94] * 1000, 2),
        "mean_ms": round(statistics.fmean(samples) * 1000, 2),
        "max_ms": round(max(samples) * 1000, 2),
    }


def seed_council(size: str, seed: int) -> dict:
    from django.core.management import call_command

    from cairn.demo.seeding import council_is_seeded

    if council_is_seeded():
        print("Council already seeded: reusing it (drop the database to re-seed).")
        return {"reused": True, "size": None, "seconds": None}
    print(f"Seeding a {size} council (this takes a few minutes for large)...")
    started = time.perf_counter()
    call_command("seed_demo", size=size, seed=seed, stdout=sys.stdout)
    return {"reused": False, "size": size, "seconds": round(time.perf_counter() - started, 1)}


def row_counts() -> dict[str, int]:
    from django.db import connection

    counts = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names()):
            cursor.execute(f"SELECT count(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
            counts[table] = cursor.fetchone()[0]
    return {table: n for table, n in counts.items() if n}


def bench_users() -> list:
    """A service manager (sees their service area's children) and a CP chair (sees all)."""
    from cairn.accounts.models import User
    from cairn.accounts.roles import Role
    from cairn.demo.accounts import DEMO_USERNAMES

    users = []
    for role in (Role.SERVICE_MANAGER, Role.CP_CHAIR):
        user = User.objects.filter(username=DEMO_USERNAMES[role]).first()
        users.append(user or User.objects.filter(role=role, is_active=True).first())
    return users


def sample_children(user, rng: random.Random, count: int) -> list:
    """`count` children the user may see, with their names, dates and identifiers."""
    from cairn.people.models import Person
    from cairn.people.selectors import child_list_visible_to

    pks = list(child_list_visible_to(user=user).values_list("pk", flat=True).order_by("pk"))
    chosen = rng.sample(pks, min(count, len(pks)))
    people = Person.objects.filter(pk__in=chosen).prefetch_related("identifiers").in_bulk()
    return [people[pk] for pk in chosen]


def _typo(name: str, rng: random.Random) -> str:
    """One slip of the keyboard: a swap, a dropped letter or a wrong vowel."""
    if len(name) < 4:
        return name
    i = rng.randrange(1, len(name) - 1)
    kind = rng.choice(["swap", "drop", "vowel"])
    if kind == "swap":
        return name[:i] + name[i + 1] + name[i] + name[i + 2 :]
    if kind == "drop":
        return name[:i] + name[i + 1 :]
    vowels = "aeiou"
    return name[:i] + rng.choice([v for v in vowels if v != name[i].lower()]) + name[i + 1 :]


def make_query(child, rng: random.Random) -> tuple[str, str]:
    """A (kind, text) query a practitioner might type to find `child`."""
    kind = rng.choices(["name", "typo", "dob", "identifier"], weights=[35, 25, 20, 20])[0]
    given, family = child.given_name, child.family_name
    if kind == "dob" and child.date_of_birth:
        return kind, child.date_of_birth.strftime("%d/%m/%Y")
    if kind == "identifier":
        ids = list(child.identifiers.all())
        nhs = [i.value for i in ids if i.system == "nhs"]
        if nhs and rng.random() < 0.6:
            n = nhs[0]
            return kind, f"{n[:3]} {n[3:6]} {n[6:]}"
        upns = [i.value for i in ids if i.system == "upn"]
        return kind, upns[0] if upns and rng.random() < 0.5 else child.la_child_id
    if kind == "typo":
        return kind, f"{given} {_typo(family, rng)}".strip()
    return "name", f"{given} {family}".strip()


def bench_search(users: list, rng: random.Random, total: int) -> dict:
    from cairn.people.search import person_search

    results: dict = {"by_user": {}, "by_kind": {}}
    all_times: list[float] = []
    by_kind: dict[str, list[float]] = {}
    hits: dict[str, list[bool]] = {}
    for user in users:
        children = sample_children(user, rng, total // len(users))
        person_search(user=user, text=children[0].family_name)  # warm-up
        times = []
        for child in children:
            kind, text = make_query(child, rng)
            started = time.perf_counter()
            found = person_search(user=user, text=text)
            elapsed = time.perf_counter() - started
            times.append(elapsed)
            by_kind.setdefault(kind, []).append(elapsed)
            hits.setdefault(kind, []).append(any(p.pk == child.pk for p in found))
        all_times += times
        results["by_user"][f"{user.role} ({user.username})"] = percentiles(times)
    results["overall"] = percentiles(all_times)
    for kind, times in sorted(by_kind.items()):
        found = hits[kind]
        results["by_kind"][kind] = percentiles(times) | {
            "found_target_pct": round(100 * sum(found) / len(found), 1)
        }
    return results


def _time_gets(client, urls: list[str]) -> list[float]:
    client.get(urls[0])  # warm-up
    times = []
    for url in urls:
        started = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - started)
        if response.status_code != 200:
            raise RuntimeError(f"GET {url} gave {response.status_code}")
    return times


def bench_pages(users: list, rng: random.Random, total: int, page: str) -> dict:
    """Latency of one page kind over `total` children, split across the bench users.

    page: "person" (/people/<pk>/) or "child" (the child's record page, casework:child_detail).
    """
    from django.test import Client
    from django.urls import reverse

    url_name = {"person": "people:person_detail", "child": "casework:child_detail"}[page]
    results: dict = {"by_user": {}}
    all_times: list[float] = []
    for user in users:
        client = Client()
        client.force_login(user)
        children = sample_children(user, rng, total // len(users))
        times = _time_gets(client, [reverse(url_name, args=[c.pk]) for c in children])
        all_times += times
        results["by_user"][f"{user.role} ({user.username})"] = percentiles(times)
    results["overall"] = percentiles(all_times)
    return results


def bench_caseloads(rng: random.Random, total: int) -> dict:
    """Latency of the caseload list (casework:caseload) for case-holding workers."""
    from django.db.models import Count, Q
    from django.test import Client
    from django.urls import reverse

    from cairn.accounts.models import User

    workers = list(
        User.objects.filter(is_active=True)
        .annotate(open_cases=Count("allocations", filter=Q(allocations__ended_on__isnull=True)))
        .filter(open_cases__gt=0)
        .order_by("pk")
    )
    chosen = [rng.choice(workers) for _ in range(total)]
    times = []
    for worker in chosen:
        client = Client()
        client.force_login(worker)
        times += _time_gets(client, [reverse("casework:caseload")] * 2)[1:]
    sizes = sorted(w.open_cases for w in workers)
    return {
        "overall": percentiles(times),
        "by_user": {},
        "caseload_sizes": {
            "workers": len(workers),
            "median": sizes[len(sizes) // 2],
            "max": sizes[-1],
        },
    }


def bench_chair_list(total: int) -> dict:
    """Latency of the chair's list (protection:chair_list) for every CP chair, their own
    conferences and every child on a CP plan (?show=all). Issue 4."""
    from django.test import Client
    from django.urls import reverse

    from cairn.accounts.models import User
    from cairn.accounts.roles import Role

    chairs = list(User.objects.filter(role=Role.CP_CHAIR, is_active=True).order_by("pk"))
    results: dict = {"by_user": {}}
    all_times: list[float] = []
    url = reverse("protection:chair_list")
    for label, query in (("own conferences", ""), ("every CP child", "?show=all")):
        times: list[float] = []
        for chair in chairs:
            client = Client()
            client.force_login(chair)
            times += _time_gets(client, [url + query] * (max(2, total // len(chairs)) + 1))[1:]
        all_times += times
        results["by_user"][f"cp_chair, {label} ({len(chairs)} chairs)"] = percentiles(times)
    results["overall"] = percentiles(all_times)
    return results


# Drift engine (issue 7): the whole council's alerts, as `drift_report` prints them.
def bench_drift_report(runs: int = 3) -> dict:
    """Wall time of `drift_report --as-of <today> --format json` (target: 10 s or less)."""
    from collections import Counter
    from io import StringIO

    from django.core.management import call_command

    from cairn.core import clock

    times, alerts = [], []
    for _ in range(runs):
        out = StringIO()
        started = time.perf_counter()
        call_command("drift_report", as_of=clock.today().isoformat(), format="json", stdout=out)
        times.append(time.perf_counter() - started)
        alerts = json.loads(out.getvalue())["alerts"]
    return {
        "runs": runs,
        "seconds": [round(t, 2) for t in times],
        "best_s": round(min(times), 2),
        "alerts": len(alerts),
        "by_rule": dict(sorted(Counter(alert["rule"] for alert in alerts).items())),
    }


# Returns (issue 9): the Standard Safeguarding Dataset export of the whole council.
def bench_ssd_export(runs: int = 1) -> dict:
    """Wall time and peak memory (max RSS of its own process) of `export_ssd --out DIR`
    (target: a few minutes at most, memory bounded)."""
    import csv
    import subprocess
    import tempfile

    times, peaks, rows = [], [], 0
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "ssd"
            started = time.perf_counter()
            child = subprocess.Popen(
                [sys.executable, str(ROOT / "manage.py"), "export_ssd", "--out", str(out)],
                cwd=ROOT,
                stdout=subprocess.DEVNULL,
            )
            _, status, usage = os.wait4(child.pid, 0)
            times.append(time.perf_counter() - started)
            if os.waitstatus_to_exitcode(status) != 0:
                raise RuntimeError("export_ssd failed")
            peaks.append(usage.ru_maxrss / 1024)  # KiB on Linux
            rows = 0
            for path in out.glob("*.csv"):
                with path.open(encoding="utf-8", newline="") as handle:
                    rows += sum(1 for _ in csv.reader(handle)) - 1  # less the header
    return {
        "runs": runs,
        "seconds": [round(t, 2) for t in times],
        "best_s": round(min(times), 2),
        "peak_rss_mb": round(max(peaks)),
        "rows": rows,
    }


# Returns (issue 9): import_ssd of the whole council's SSD export into an empty database.
def bench_ssd_import(url: str) -> dict:
    """Wall time and peak memory of `import_ssd DIR` loading the council's export into a fresh
    PostgreSQL database (`<name>_ssd_import`, created, migrated and dropped here). The peak is
    that of the largest process, the command or one of its worker processes (ADR 0022)."""
    import subprocess
    import tempfile

    import psycopg
    from psycopg import sql

    parts = urlparse(url)
    if not parts.scheme.startswith("postgres"):
        return {"skipped": "PostgreSQL only"}
    name = unquote(parts.path.lstrip("/")) + "_ssd_import"
    target = parts._replace(path="/" + name).geturl()
    admin = {
        "host": parts.hostname or "127.0.0.1",
        "port": parts.port or 5432,
        "user": unquote(parts.username or "postgres"),
        "password": unquote(parts.password) if parts.password else None,
        "dbname": "postgres",
        "autocommit": True,
    }
    drop = sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name))
    with psycopg.connect(**admin) as conn:
        conn.execute(drop)
    ensure_database(target)
    env = {**os.environ, "DATABASE_URL": target}
    manage = [sys.executable, str(ROOT / "manage.py")]
    try:
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "ssd"
            subprocess.run(
                [*manage, "export_ssd", "--out", str(out)],
                cwd=ROOT,
                check=True,
                stdout=subprocess.DEVNULL,
            )
            subprocess.run([*manage, "migrate", "-v0"], cwd=ROOT, env=env, check=True)
            started = time.perf_counter()
            child = subprocess.Popen(
                [*manage, "import_ssd", str(out), "--report", str(Path(tmp) / "report.csv")],
                cwd=ROOT,
                env=env,
                stdout=subprocess.PIPE,
                text=True,
            )
            output = child.stdout.read()
            _, status, usage = os.wait4(child.pid, 0)
            seconds = time.perf_counter() - started
            if os.waitstatus_to_exitcode(status) != 0:
                raise RuntimeError("import_ssd failed")
    finally:
        with psycopg.connect(**admin) as conn:
            conn.execute(drop)
    summary = output.strip().splitlines()[-2] if output.strip() else ""
    return {
        "seconds": round(seconds, 2),
        "peak_rss_mb": round(usage.ru_maxrss / 1024),
        "summary": summary,
    }


# Returns (issue 9): the Ofsted Annex A workbook of the whole council.
def bench_annex_a(runs: int = 2) -> dict:
    """Wall time and peak memory (max RSS of its own process) of
    `export_annex_a --reference-date <today> --out FILE.xlsx` (target: 60 s or less)."""
    import subprocess
    import tempfile

    from openpyxl import load_workbook

    from cairn.core import clock

    times, peaks, rows = [], [], {}
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "annex-a.xlsx"
            command = [sys.executable, str(ROOT / "manage.py"), "export_annex_a"]
            command += ["--reference-date", clock.today().isoformat(), "--out", str(out)]
            started = time.perf_counter()
            child = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL)
            _, status, usage = os.wait4(child.pid, 0)
            times.append(time.perf_counter() - started)
            if os.waitstatus_to_exitcode(status) != 0:
                raise RuntimeError("export_annex_a failed")
            peaks.append(usage.ru_maxrss / 1024)  # KiB on Linux
            book = load_workbook(out, read_only=True)
            rows = {sheet.title: sheet.max_row - 1 for sheet in book.worksheets}
            book.close()
    return {
        "runs": runs,
        "seconds": [round(t, 2) for t in times],
        "best_s": round(min(times), 2),
        "peak_rss_mb": round(max(peaks)),
        "rows": rows,
    }


# Returns (issue 9): the CIN census of the whole council, and validating a 10,000-child return.
def _timed_command(args: list[str]) -> tuple[float, float]:
    """Wall time and peak memory (max RSS, MB) of `manage.py <args>` in its own process."""
    import subprocess

    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, str(ROOT / "manage.py"), *args], cwd=ROOT, stdout=subprocess.DEVNULL
    )
    _, status, usage = os.wait4(child.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{args[0]} failed")
    return time.perf_counter() - started, usage.ru_maxrss / 1024  # KiB on Linux


def _first_children(source: Path, out: Path, count: int) -> int:
    """The return's header and first `count` children, copied line by line (bounded memory)."""
    written = 0
    with source.open(encoding="utf-8") as read, out.open("w", encoding="utf-8") as write:
        for line in read:
            if written >= count and line.strip() == "<Child>":
                break
            write.write(line)
            written += line.strip() == "</Child>"
        write.write("  </Children>\n</Message>\n")
    return written


def bench_cin_census(export_runs: int = 2, validate_runs: int = 3, sample: int = 10_000) -> dict:
    """`export_cin_census --reference-date <last 31 March>` on the whole council (target: 60 s
    or less) and `validate_cin_census` on a return of its first 10,000 children (target: 10 s
    or less), each with its peak memory."""
    import tempfile

    from cairn.core import clock

    today = clock.today()
    year = today.year if (today.month, today.day) >= (3, 31) else today.year - 1
    reference = f"{year}-03-31"
    results: dict = {"reference_date": reference}
    with tempfile.TemporaryDirectory() as tmp:
        full, part = Path(tmp) / "census.xml", Path(tmp) / "census-10k.xml"
        runs = [
            _timed_command(["export_cin_census", "--reference-date", reference, "--out", str(full)])
            for _ in range(export_runs)
        ]
        children = full.read_bytes().count(b"<Child>")
        results["export"] = {
            "runs": export_runs,
            "seconds": [round(t, 2) for t, _ in runs],
            "best_s": round(min(t for t, _ in runs), 2),
            "peak_rss_mb": round(max(m for _, m in runs)),
            "children": children,
        }
        sampled = _first_children(full, part, sample)
        runs = [_timed_command(["validate_cin_census", str(part)]) for _ in range(validate_runs)]
        results["validate"] = {
            "runs": validate_runs,
            "seconds": [round(t, 2) for t, _ in runs],
            "best_s": round(min(t for t, _ in runs), 2),
            "peak_rss_mb": round(max(m for _, m in runs)),
            "children": sampled,
        }
    return results


# Workforce (issue 6): the team caseload page and caseloads by team, on the whole council.
def bench_workforce_caseloads(total: int) -> dict:
    """Latency of a team's caseload page (workforce:team_caseload) for each team manager's team
    and of caseloads by team (workforce:service_caseloads) for service managers and senior
    leaders. The pages cost a fixed number of queries; this measures what each query costs."""
    from django.test import Client
    from django.urls import reverse

    from cairn.accounts.models import User
    from cairn.accounts.roles import Role

    results: dict = {"by_user": {}}
    all_times: list[float] = []
    managers = list(
        User.objects.filter(role=Role.TEAM_MANAGER, is_active=True, team__isnull=False).order_by(
            "pk"
        )
    )
    times: list[float] = []
    for manager in managers:
        client = Client()
        client.force_login(manager)
        url = reverse("workforce:team_caseload", args=[manager.team_id])
        times += _time_gets(client, [url] * (max(2, total // max(len(managers), 1)) + 1))[1:]
    if times:
        results["by_user"][f"team_manager, team page ({len(managers)} teams)"] = percentiles(times)
    all_times += times
    viewers = list(
        User.objects.filter(
            role__in=(Role.SERVICE_MANAGER, Role.SENIOR_LEADER), is_active=True
        ).order_by("pk")
    )
    times = []
    url = reverse("workforce:service_caseloads")
    for viewer in viewers:
        client = Client()
        client.force_login(viewer)
        times += _time_gets(client, [url] * (max(2, total // max(len(viewers), 1)) + 1))[1:]
    if times:
        results["by_user"][f"service view ({len(viewers)} users)"] = percentiles(times)
    all_times += times
    results["overall"] = percentiles(all_times)
    return results


def environment() -> dict:
    from django.db import connection

    info = {
        "database": connection.vendor,
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "machine": platform.machine(),
    }
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT version(), pg_database_size(current_database())")
            version, size = cursor.fetchone()
        info |= {"server": version.split(",")[0], "database_mb": round(size / 2**20)}
    return info


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    url = os.environ.get("DATABASE_URL", DEFAULT_URL)
    os.environ["DATABASE_URL"] = url
    created = ensure_database(url)
    import django

    django.setup()
    from django.core.management import call_command

    from cairn.core import clock

    call_command("migrate", interactive=False, verbosity=0)
    seeding = seed_council(args.size, args.seed) | {"database_created": created}
    counts = row_counts()
    users = bench_users()
    rng = random.Random(args.seed)
    print(
        f"Timing {args.searches} searches, {args.pages} person and child pages "
        f"and {args.caseloads} caseloads..."
    )
    benches = {
        "search": lambda: bench_search(users, rng, args.searches),
        "person_page": lambda: bench_pages(users, rng, args.pages, "person"),
        "child_page": lambda: bench_pages(users, rng, args.pages, "child"),
        "caseload": lambda: bench_caseloads(rng, args.caseloads),
        "chair_list": lambda: bench_chair_list(args.caseloads),  # issue 4
        "workforce_caseloads": lambda: bench_workforce_caseloads(args.caseloads),  # issue 6
        "drift_report": bench_drift_report,  # issue 7
        "ssd_export": bench_ssd_export,  # issue 9
        "ssd_import": lambda: bench_ssd_import(url),  # issue 9
        "annex_a": bench_annex_a,  # issue 9
        "cin_census": bench_cin_census,  # issue 9
        "scorecard": bench_scorecard,  # issue 10 (bench/scorecard_bench.py)
    }
    unknown = set(args.only) - set(benches)
    if unknown:
        raise SystemExit(f"--only: no bench named {', '.join(sorted(unknown))}")
    results = {
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "as_of": clock.today().isoformat(),
        "environment": environment(),
        "seed": seeding,
        "row_counts": counts,
    } | {name: run() for name, run in benches.items() if not args.only or name in args.only}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n")
    print_summary(results, args.out)
    return 0


def print_summary(results: dict, out: Path) -> None:
    """Print what was run (`--only` runs a subset)."""
    seed = results["seed"]
    counts = results["row_counts"]
    print()
    if seed["reused"]:
        print("Seed:         reused an existing council")
    else:
        print(f"Seed:         {seed['size']} council in {seed['seconds']} s")
    print(f"Rows:         {sum(counts.values()):,} in {len(counts)} tables")
    for table in ("people_person", "people_relationship", "workforce_allocation"):
        print(f"  {table:<24} {counts.get(table, 0):>10,}")
    print_page_figures(results)
    print_report_figures(results)
    print(f"Written to {out}")


def print_page_figures(results: dict) -> None:
    for label, key in (
        ("Search", "search"),
        ("Person page", "person_page"),
        ("Child page", "child_page"),
        ("Caseload", "caseload"),
        ("Chair's list", "chair_list"),
        ("Team caseloads", "workforce_caseloads"),
    ):
        if key not in results:
            continue
        overall = results[key]["overall"]
        print(
            f"{label + ':':<13} p50 {overall['p50_ms']} ms, p95 {overall['p95_ms']} ms "
            f"(n={overall['n']})"
        )
        for who, figures in results[key]["by_user"].items():
            print(f"  {who:<45} p50 {figures['p50_ms']:>8} ms  p95 {figures['p95_ms']:>8} ms")
    for kind, figures in results.get("search", {}).get("by_kind", {}).items():
        print(
            f"  search by {kind:<12} p50 {figures['p50_ms']:>8} ms  p95 {figures['p95_ms']:>8} ms"
            f"  found {figures['found_target_pct']}%"
        )


def print_report_figures(results: dict) -> None:
    if drift := results.get("drift_report"):
        print(
            f"Drift report: best {drift['best_s']} s of {drift['runs']} "
            f"({drift['alerts']:,} alerts)"
        )
    if ssd := results.get("ssd_export"):
        print(
            f"SSD export:   {ssd['best_s']} s, peak {ssd['peak_rss_mb']} MB ({ssd['rows']:,} rows)"
        )
    imported = results.get("ssd_import", {})
    if "seconds" in imported:
        print(
            f"SSD import:   {imported['seconds']} s, peak {imported['peak_rss_mb']} MB "
            f"({imported['summary']})"
        )
    if annex := results.get("annex_a"):
        print(
            f"Annex A:      {annex['best_s']} s, peak {annex['peak_rss_mb']} MB "
            f"({sum(annex['rows'].values()):,} rows)"
        )
    if card := results.get("scorecard"):
        if "skipped" in card:
            print(f"Scorecard:    skipped ({card['skipped']})")
        else:
            warm = card["warm_s"]["median"]
            print(
                f"Scorecard:    first {card['first_s']} s, warm median {warm} s, "
                f"after a record change {card['after_change_s']} s"
            )
            if "team_first_s" in card:
                print(
                    f"  a team's page: first {card['team_first_s']} s, "
                    f"second {card['team_second_s']} s"
                )
    if census := results.get("cin_census"):
        export, check = census["export"], census["validate"]
        print(
            f"CIN census:   export {export['best_s']} s, peak {export['peak_rss_mb']} MB "
            f"({export['children']:,} children); validate {check['best_s']} s, "
            f"peak {check['peak_rss_mb']} MB ({check['children']:,} children)"
        )


if __name__ == "__main__":
    sys.exit(main())
