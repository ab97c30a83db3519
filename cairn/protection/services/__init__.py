"""Writes to child protection records: strategy discussions, S47 enquiries, conferences (ICPC
and review), CP plans and core groups. Each service validates first (bad input changes
nothing), writes through core.records (audited against the child) and reuses the casework
meeting and plan services for what is shared (attendance, participation, ratings, versions).
"""
