"""deploy/crontab names only commands that exist, with options they accept."""

import re
import shlex
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import get_commands, load_command_class

CRONTAB = Path(settings.BASE_DIR) / "deploy" / "crontab"


def scheduled() -> list[list[str]]:
    jobs = []
    for line in CRONTAB.read_text().splitlines():
        match = re.search(r"manage\.py (.+)$", line)
        if match and not line.lstrip().startswith("#"):
            jobs.append(shlex.split(match.group(1)))
    return jobs


def test_the_crontab_schedules_the_daily_jobs_and_the_scorecard():
    names = [job[0] for job in scheduled()]
    daily = ["refresh_scorecard", "snapshot_alerts", "send_alert_digest", "deactivate_leavers"]
    assert set(daily) <= set(names)
    assert ["refresh_scorecard", "--stale-only"] in scheduled()


@pytest.mark.parametrize("job", scheduled(), ids=lambda job: " ".join(job))
def test_each_scheduled_command_exists_and_accepts_its_options(job):
    name, *args = job
    commands = get_commands()
    assert name in commands
    parser = load_command_class(commands[name], name).create_parser("manage.py", name)
    parser.parse_args(args)  # exits (SystemExit) on an unknown option
