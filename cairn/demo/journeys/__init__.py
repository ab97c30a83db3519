"""The child-in-need journey for seeded children: contacts and threshold decisions, referrals
(CIN episodes), assessments, CIN plans and reviews, visits, case notes, significant events,
early help and the step-up/step-down transitions between levels, with the allocations that go
with them.

Each household's histories are made in memory while the families step writes its chunk, so
nothing is read back or updated afterwards: `JourneyMaker.household` fills a `JourneyRows`,
which the chunk writes in dependency order.
"""
