"""The three synthetic council sizes (shared/domain/volumes.md, "Synthetic council profiles").

A profile says how big the council is and how it is organised; the generators read nothing else,
so a new size is a new entry here.
"""

from dataclasses import dataclass

from cairn.accounts.roles import TeamKind

# Team kinds whose social workers hold children's cases.
CASE_HOLDING_KINDS = (
    TeamKind.FRONT_DOOR,
    TeamKind.ASSESSMENT,
    TeamKind.CIN_CP,
    TeamKind.DISABLED_CHILDREN,
    TeamKind.CHILDREN_IN_CARE,
    TeamKind.EDGE_OF_CARE,
)


@dataclass(frozen=True)
class Caseload:
    """A practitioner's caseload is drawn from triangular(low, mode, high), scaled by FTE."""

    low: int
    mode: int
    high: int


@dataclass(frozen=True)
class SizeProfile:
    name: str
    children: int
    history_years: int
    # Localities grouped into service areas: ((service area, (locality, ...)), ...).
    areas: tuple[tuple[str, tuple[str, ...]], ...]
    assessment_per_locality: int
    cin_cp_per_locality: int
    front_door_teams: int
    children_in_care_teams: int
    disabled_children_teams: int
    edge_of_care_teams: int
    chair_teams: int
    qa_teams: int
    performance_teams: int
    # Staff per case-holding team (plus one team manager each).
    social_workers_per_team: int
    senior_practitioners_per_team: int
    front_door_social_workers: int
    caseload: Caseload
    front_door_caseload: Caseload
    unallocated_share: float  # of open cases, waiting in team queues
    cp_chairs: int
    qa_officers: int
    analysts: int
    senior_leaders: int
    ig_officers: int
    system_admins: int
    towns: tuple[str, ...]
    small_layout: bool = False  # one locality: three case-holding teams, no front-door team


SMALL = SizeProfile(
    name="small",
    children=300,
    history_years=3,
    areas=(("Fernbridge locality service", ("Fernbridge",)),),
    assessment_per_locality=1,
    cin_cp_per_locality=1,
    front_door_teams=0,
    children_in_care_teams=1,
    disabled_children_teams=0,
    edge_of_care_teams=0,
    chair_teams=1,
    qa_teams=0,
    performance_teams=1,
    social_workers_per_team=3,
    senior_practitioners_per_team=1,
    front_door_social_workers=0,
    caseload=Caseload(8, 11, 14),
    front_door_caseload=Caseload(0, 2, 4),
    unallocated_share=0.06,
    cp_chairs=2,
    qa_officers=1,
    analysts=1,
    senior_leaders=2,
    ig_officers=1,
    system_admins=1,
    towns=("Fernbridge", "Fernbridge Vale", "Hollins Cross", "Marram Sands"),
    small_layout=True,
)

MEDIUM = SizeProfile(
    name="medium",
    children=60_000,
    history_years=6,
    areas=(
        ("North and East localities", ("North", "East")),
        ("South and West localities", ("South", "West")),
    ),
    assessment_per_locality=1,
    cin_cp_per_locality=2,
    front_door_teams=2,
    children_in_care_teams=3,
    disabled_children_teams=2,
    edge_of_care_teams=1,
    chair_teams=2,
    qa_teams=1,
    performance_teams=1,
    social_workers_per_team=8,
    senior_practitioners_per_team=2,
    front_door_social_workers=12,
    caseload=Caseload(8, 13, 25),
    front_door_caseload=Caseload(0, 2, 6),
    unallocated_share=0.06,
    cp_chairs=14,
    qa_officers=6,
    analysts=5,
    senior_leaders=4,
    ig_officers=2,
    system_admins=2,
    towns=(
        "Fernbridge",
        "Fernbridge Vale",
        "Hollins Cross",
        "Marram Sands",
        "Ashvale",
        "Brackenmere",
        "Caldwick",
        "Dunhollow",
    ),
)

_LARGE_LOCALITIES = (
    "Ashvale",
    "Brackenmere",
    "Caldwick",
    "Dunhollow",
    "Fallowbrook",
    "Glenholt",
    "Harrowmere",
    "Kestrel Vale",
    "Larkhaven",
    "Millbeck",
    "Northfen",
    "Oakhollow",
)

LARGE = SizeProfile(
    name="large",
    children=280_000,
    history_years=6,
    areas=tuple(
        (f"{'North West South East'.split()[i]} area", _LARGE_LOCALITIES[i * 3 : i * 3 + 3])
        for i in range(4)
    ),
    assessment_per_locality=2,
    cin_cp_per_locality=3,
    front_door_teams=6,
    children_in_care_teams=14,
    disabled_children_teams=8,
    edge_of_care_teams=6,
    chair_teams=6,
    qa_teams=2,
    performance_teams=2,
    social_workers_per_team=7,
    senior_practitioners_per_team=2,
    front_door_social_workers=14,
    caseload=Caseload(8, 12, 30),
    front_door_caseload=Caseload(0, 2, 6),
    unallocated_share=0.05,
    cp_chairs=60,
    qa_officers=20,
    analysts=14,
    senior_leaders=10,
    ig_officers=5,
    system_admins=6,
    towns=_LARGE_LOCALITIES,
)

PROFILES: dict[str, SizeProfile] = {p.name: p for p in (SMALL, MEDIUM, LARGE)}
