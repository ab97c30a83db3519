"""fewer_collections: long batch work runs with the garbage collector's passes far apart and the
objects that existed before left out of them; the collector is as before afterwards."""

import gc

import pytest

from cairn.core.batch import BATCH_THRESHOLDS, fewer_collections


def test_inside_the_block_passes_are_far_apart_and_existing_objects_are_left_out():
    before = gc.get_threshold()

    with fewer_collections():
        inside, frozen = gc.get_threshold(), gc.get_freeze_count()

    assert before != BATCH_THRESHOLDS
    assert inside == BATCH_THRESHOLDS
    assert frozen > 0


def test_afterwards_the_collector_is_as_before_even_when_the_block_fails():
    before = gc.get_threshold()

    with pytest.raises(RuntimeError), fewer_collections():
        raise RuntimeError("the batch failed")

    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0
