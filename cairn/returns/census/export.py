"""Write the CIN census return for a year, streamed: the header, then one `Child` at a time
from batched reads, serialised and written as it is built, so memory stays bounded whatever
the council's size (the standard library's ElementTree builds each small subtree)."""

import datetime as dt
from collections.abc import Callable
from typing import BinaryIO
from xml.etree import ElementTree as etree

from django.utils import timezone

from cairn.core import clock

from .mapping import child_element, header_element
from .period import CensusYear
from .selectors import census_children, children_in_scope


def write_census(
    year: CensusYear,
    out: BinaryIO,
    *,
    progress: Callable[[int, int], None] | None = None,
    written_at: dt.datetime | None = None,
) -> int:
    """Write the return to the binary stream `out`; returns the number of children written.
    `progress(done, total)` is called after each child when given."""
    written_at = timezone.localtime(written_at or clock.now()).replace(microsecond=0)
    ids = children_in_scope(year)
    total = len(ids)
    out.write(b'<?xml version="1.0" encoding="UTF-8"?>\n<Message>\n')
    out.write(_serialise(header_element(year, written_at), 1))
    out.write(b"  <Children>\n")
    done = 0
    for child in census_children(year, ids):
        out.write(_serialise(child_element(child, year), 2))
        done += 1
        if progress is not None:
            progress(done, total)
    out.write(b"  </Children>\n</Message>\n")
    return done


def _serialise(element: etree.Element, level: int) -> bytes:
    etree.indent(element, space="  ", level=level)
    return b"  " * level + etree.tostring(element, encoding="utf-8", xml_declaration=False) + b"\n"
