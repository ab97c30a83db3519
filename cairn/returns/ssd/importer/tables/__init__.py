"""Where each SSD table's rows go in Cairn (the inverse of the export package; ADR 22, "Import").

One handler per table: `check` adds the rules a row must meet beyond its declared types
(raise RowError), `write` turns valid rows into Cairn records through `Loader.upsert`, which
audits each record and keeps the SSD ids as ExternalReference rows. The handlers live by area:
organisation (departments, professionals, involvements), people, front door and early help,
CIN (referrals, assessments, plans, visits) and child protection.
"""

from __future__ import annotations

from cairn.returns.ssd.importer.tables.base import Handler
from cairn.returns.ssd.importer.tables.cin import (
    AssessmentFactors,
    Assessments,
    CinPlans,
    CinVisits,
    CpVisits,
    Referrals,
)
from cairn.returns.ssd.importer.tables.frontdoor import Contacts, EarlyHelp
from cairn.returns.ssd.importer.tables.organisation import Departments, Involvements, Professionals
from cairn.returns.ssd.importer.tables.people import (
    IDENTIFIER_SYSTEMS,
    Addresses,
    Disabilities,
    Families,
    ImmigrationStatuses,
    LinkedIdentifiers,
    People,
)
from cairn.returns.ssd.importer.tables.protection import CpPlans, CpReviews, Icpcs, S47s

HANDLERS: dict[str, type[Handler]] = {
    h.table: h
    for h in (
        Departments,
        Professionals,
        People,
        Families,
        Addresses,
        Disabilities,
        ImmigrationStatuses,
        LinkedIdentifiers,
        Contacts,
        EarlyHelp,
        Referrals,
        Assessments,
        AssessmentFactors,
        CinPlans,
        CinVisits,
        S47s,
        Icpcs,
        CpPlans,
        CpVisits,
        CpReviews,
        Involvements,
    )
}

__all__ = ["HANDLERS", "IDENTIFIER_SYSTEMS", "Handler", "Icpcs", "People"]
