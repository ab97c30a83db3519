"""The demo accounts: one per role, with a known password, listed by `manage.py demo_accounts`.

Only seeded demo councils have these; every other seeded member of staff cannot sign in.
"""

from cairn.accounts.roles import Role

DEMO_PASSWORD = "cairn-demo-2026"  # noqa: S105 - published on purpose: synthetic data only

DEMO_USERNAMES: dict[str, str] = {
    Role.SOCIAL_WORKER: "sw.demo",
    Role.SENIOR_PRACTITIONER: "sp.demo",
    Role.TEAM_MANAGER: "tm.demo",
    Role.SERVICE_MANAGER: "sm.demo",
    Role.CP_CHAIR: "chair.demo",
    Role.QA_OFFICER: "qa.demo",
    Role.PERFORMANCE_ANALYST: "analyst.demo",
    Role.SENIOR_LEADER: "leader.demo",
    Role.IG_OFFICER: "ig.demo",
    Role.SYSTEM_ADMIN: "admin.demo",
}
