"""Drawing a sample: reproducible from the seed; stratified shares by largest remainder."""

import pytest

from cairn.quality.sampling import Candidate, draw_sample, stratum_quotas


def _candidates():
    # Team 1: 6 CIN, 2 CP; team 2: 2 CIN.
    rows = [(i, 1, "cin") for i in range(1, 7)] + [(7, 1, "cp"), (8, 1, "cp")]
    rows += [(9, 2, "cin"), (10, 2, "cin")]
    return [Candidate(c, t, level, None, None) for c, t, level in rows]


@pytest.mark.parametrize("method", ["random", "stratified"])
def test_the_same_seed_draws_the_same_children(method):
    first = draw_sample(_candidates(), method=method, size=5, seed=42)
    again = draw_sample(list(reversed(_candidates())), method=method, size=5, seed=42)
    assert [c.child_id for c in first] == [c.child_id for c in again]
    assert len(first) == 5


def test_another_seed_draws_other_children():
    draws = {
        tuple(c.child_id for c in draw_sample(_candidates(), method="random", size=5, seed=s))
        for s in range(10)
    }
    assert len(draws) > 1


def test_quotas_are_proportional_with_largest_remainders():
    # 10 children, sample of 5: team 1 CIN 6 -> 3.0, team 1 CP 2 -> 1.0, team 2 CIN 2 -> 1.0
    counts = {("1", "cin"): 6, ("1", "cp"): 2, ("2", "cin"): 2}
    assert stratum_quotas(counts, 5) == {("1", "cin"): 3, ("1", "cp"): 1, ("2", "cin"): 1}
    # sample of 4: exact 2.4, 0.8, 0.8 -> floors 2, 0, 0; two left go to the remainders 0.8
    assert stratum_quotas(counts, 4) == {("1", "cin"): 2, ("1", "cp"): 1, ("2", "cin"): 1}


def test_a_stratified_sample_takes_each_stratum_share():
    chosen = draw_sample(_candidates(), method="stratified", size=5, seed=7)
    strata = [c.stratum for c in chosen]
    assert strata.count(("1", "cin")) == 3
    assert strata.count(("1", "cp")) == 1
    assert strata.count(("2", "cin")) == 1


def test_a_sample_larger_than_the_population_takes_everyone():
    assert len(draw_sample(_candidates(), method="stratified", size=50, seed=1)) == 10
    assert stratum_quotas({}, 5) == {}
