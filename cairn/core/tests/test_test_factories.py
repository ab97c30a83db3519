"""The test factories' own promises, which other tests lean on."""

import factory

from cairn.testing.factories import PlainName


def test_a_plain_name_is_redrawn_until_a_page_would_show_it_as_written(monkeypatch):
    draws = iter(["O'Brien", "Smith & Jones", "Okafor"])
    monkeypatch.setattr(factory.Faker, "evaluate", lambda self, instance, step, extra: next(draws))

    assert PlainName("last_name").evaluate(None, None, {"locale": None}) == "Okafor"


def test_a_plain_name_keeps_a_draw_with_nothing_to_escape(monkeypatch):
    draws = iter(["Hilary", "O'Brien"])
    monkeypatch.setattr(factory.Faker, "evaluate", lambda self, instance, step, extra: next(draws))

    assert PlainName("first_name").evaluate(None, None, {"locale": None}) == "Hilary"
