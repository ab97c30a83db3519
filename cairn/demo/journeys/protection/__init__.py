"""Child protection in the seeded journeys (issue 4, item 10): strategy discussions, S47
enquiries (some ending "ICPC not required"), initial conferences (pre-birth and transfer-in
ones too), CP plans with their category history, core group members and core groups, review
conferences that continue or end the plan (stepping down to a CIN plan that carries it, to
early help, or closing), CP visits, and the chairs' midpoint reviews and practice alerts.

The journey (past.py, current.py) asks for the dates first (`schedule`), allocates and closes
the episode by them, then asks for the rows (`Protection.write`). Rates follow volumes.md (see
rates.py); the deliberate drift cases are in `scenarios`.
"""

from cairn.demo.journeys.protection.work import Protection

__all__ = ["Protection"]
