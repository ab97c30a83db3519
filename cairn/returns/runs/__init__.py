"""Return runs (ADR 0025): start a CIN census or Annex A run, do it in a background thread with
its progress saved as it goes, and show it."""
