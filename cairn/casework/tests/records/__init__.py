"""Tests for the RECORDS area: visits, case notes, chronology, the child's page, caseloads."""
