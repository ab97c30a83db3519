"""Charts of a measure's monthly figures, drawn on the server with matplotlib as inline SVG
(ADR 0028). No JavaScript: the page and the PDF embed the same markup.

matplotlib's SVG is made fit for a page with a strict Content-Security-Policy
(`style-src 'self'`): its `style` attributes become SVG presentation attributes and its
`<style>` element goes; its ids get a per-chart prefix so several charts share a page. It gets
`role="img"` and a `<title>`, and every chart has a data table beside it on the page.

Drawing costs 0.1-0.25 s, so each chart is cached under a key made from everything drawn
(measure, unit, months, the figures themselves, the comparator): a record change that alters a
figure changes the key, and a stale chart is never shown. The title is added per page. The cache
is the shared database cache (ADR 0029), so every server process reads a chart drawn by another,
and ``refresh_scorecard`` draws every area's charts ahead of the first reader.
"""

import hashlib
import io
import math
import re
import xml.etree.ElementTree as ET  # noqa: S405 (parses only the SVG matplotlib just wrote)
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

import matplotlib

matplotlib.use("svg")  # no GUI backend; figures are made without pyplot's global state

from django.core.cache import cache  # noqa: E402
from django.utils.html import escape  # noqa: E402
from django.utils.safestring import SafeString, mark_safe  # noqa: E402
from matplotlib.backends.backend_svg import FigureCanvasSVG  # noqa: E402
from matplotlib.figure import Figure as MplFigure  # noqa: E402
from matplotlib.ticker import MaxNLocator  # noqa: E402

from cairn.insight.measures.base import Figure  # noqa: E402
from cairn.insight.presenters import UNIT_LABELS  # noqa: E402
from cairn.insight.selectors import scorecard  # noqa: E402

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"

# GOV.UK colours: the measure in blue, the national comparator in dark grey, dashed.
LINE = "#1d70b8"
COMPARATOR = "#505a5f"
TEXT = "#0b0c0c"
CACHE_SECONDS = 60 * 60 * 24
_VERSION = "2"  # bump when the drawing changes, so cached charts are redrawn

# CSS properties matplotlib writes in style="" that are also SVG presentation attributes.
_PRESENTATION = {
    "fill",
    "fill-opacity",
    "fill-rule",
    "stroke",
    "stroke-width",
    "stroke-opacity",
    "stroke-linecap",
    "stroke-linejoin",
    "stroke-dasharray",
    "stroke-dashoffset",
    "stroke-miterlimit",
    "opacity",
    "clip-path",
}
_TITLE = "CAIRN-CHART-TITLE"  # replaced by the page's (escaped) title
_URL_REF = re.compile(r"url\(#([^)]+)\)")


def _month_label(month: date) -> str:
    return month.strftime("%b %y")


def _values(figures: Sequence[Figure]) -> list[float]:
    return [math.nan if f.value is None else float(f.value) for f in figures]


def _draw(
    *, months: Sequence[date], figures: Sequence[Figure], unit_label: str, national: Decimal | None
) -> str:
    """matplotlib's SVG of the line chart (deterministic: fixed hash salt, no date)."""
    with matplotlib.rc_context(
        {"svg.hashsalt": "cairn-insight", "svg.fonttype": "path", "font.size": 9}
    ):
        fig = MplFigure(figsize=(6.4, 2.6))
        FigureCanvasSVG(fig)
        ax = fig.add_subplot()
        xs = list(range(len(months)))
        ax.plot(xs, _values(figures), color=LINE, linewidth=2, marker="o", markersize=3)
        if national is not None:
            ax.axhline(float(national), color=COMPARATOR, linewidth=1.2, linestyle="--")
        step = max(1, len(months) // 8)
        ax.set_xticks(xs[::step], [_month_label(m) for m in months[::step]])
        ax.set_ylabel(unit_label, color=TEXT)
        ax.set_ylim(bottom=0)
        values = [f.value for f in figures if f.value is not None]
        if all(v == int(v) for v in values):  # counts: whole-number ticks, at least 0 to 1
            ax.yaxis.set_major_locator(MaxNLocator(integer=True))
            ax.set_ylim(top=float(max([1, *values])) * 1.1)
        ax.grid(axis="y", color="#b1b4b6", linewidth=0.5)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        # Fixed margins: tight_layout would draw the figure an extra time.
        fig.subplots_adjust(left=0.1, right=0.98, top=0.95, bottom=0.14)
        out = io.StringIO()
        fig.savefig(out, format="svg", metadata={"Date": None, "Creator": None})
        return out.getvalue()


def _tag(element: ET.Element) -> str:
    return element.tag.rsplit("}", 1)[-1]


def _unstyle(element: ET.Element) -> None:
    """Move a style attribute's declarations to presentation attributes."""
    style = element.attrib.pop("style", "")
    for declaration in style.split(";"):
        name, _, value = declaration.partition(":")
        if name.strip() in _PRESENTATION and value.strip():
            element.set(name.strip(), value.strip())


def _prefix_ids(element: ET.Element, prefix: str) -> None:
    """Prefix the element's id and its references to other ids (clip paths, glyphs)."""
    href = f"{{{XLINK_NS}}}href"
    if "id" in element.attrib:
        element.set("id", f"{prefix}-{element.get('id')}")
    for name in ("clip-path", "mask"):
        if name in element.attrib:
            element.set(name, _URL_REF.sub(rf"url(#{prefix}-\1)", element.get(name)))
    if element.get(href, "").startswith("#"):
        element.set(href, f"#{prefix}-{element.get(href)[1:]}")


def _plain_names(root: ET.Element) -> None:
    """Write the namespaces out by hand: ElementTree's prefix registry is global, and other
    libraries change it (the SVG would come out as `ns0:svg`, which HTML does not know)."""
    svg, xlink = f"{{{SVG_NS}}}", f"{{{XLINK_NS}}}"
    for element in root.iter():
        element.tag = element.tag.removeprefix(svg)
        for name in [n for n in element.attrib if n.startswith(xlink)]:
            element.set(f"xlink:{name.removeprefix(xlink)}", element.attrib.pop(name))
    root.set("xmlns", SVG_NS)
    root.set("xmlns:xlink", XLINK_NS)


def _accessible(svg: str, *, prefix: str) -> str:
    """The SVG as markup for a page: presentation attributes instead of styles, ids prefixed,
    `role="img"` and a `<title>` (a placeholder, filled per page), scaled to its container."""
    root = ET.fromstring(svg)  # noqa: S314 (matplotlib's own output, not user input)
    for parent in list(root.iter()):
        for child in list(parent):
            if _tag(child) in ("metadata", "style"):
                parent.remove(child)
    for element in root.iter():
        _unstyle(element)
        _prefix_ids(element, prefix)
    root.attrib.pop("height", None)
    root.set("width", "100%")
    root.set("stroke-linejoin", "round")
    root.set("stroke-linecap", "butt")
    root.set("role", "img")
    root.set("aria-labelledby", f"{prefix}-title")
    root.set("focusable", "false")
    heading = ET.Element(f"{{{SVG_NS}}}title", {"id": f"{prefix}-title"})
    heading.text = _TITLE
    root.insert(0, heading)
    _plain_names(root)
    return ET.tostring(root, encoding="unicode")


def chart_key(
    *,
    measure_key: str,
    unit_label: str,
    months: Sequence[date],
    figures: Sequence[Figure],
    national: Decimal | None,
) -> str:
    """The cache key: a digest of everything drawn (the title is added per page)."""
    data = [measure_key, unit_label, str(national), _VERSION]
    data += [f"{m.isoformat()}={f.value}" for m, f in zip(months, figures, strict=True)]
    digest = hashlib.sha256("|".join(data).encode()).hexdigest()[:32]
    return f"insight:chart:{digest}"


def measure_chart(
    *,
    measure_key: str,
    title: str,
    unit_label: str,
    months: Sequence[date],
    figures: Sequence[Figure],
    national: Decimal | None = None,
    cached: dict[str, str] | None = None,
) -> SafeString:
    """The measure's line chart over `months` as accessible inline SVG, titled `title`.

    Ids are prefixed with the measure's key: a page shows one chart per measure. `cached`:
    charts the caller has already read from the cache by key (one query for a whole page)."""
    key = chart_key(
        measure_key=measure_key,
        unit_label=unit_label,
        months=months,
        figures=figures,
        national=national,
    )
    svg = cached.get(key) if cached is not None else cache.get(key)
    if svg is None:
        raw = _draw(months=months, figures=figures, unit_label=unit_label, national=national)
        svg = _accessible(raw, prefix=f"chart-{measure_key}".replace("_", "-"))
        cache.set(key, svg, CACHE_SECONDS)
    return mark_safe(svg.replace(_TITLE, escape(title), 1))  # noqa: S308 (title escaped)


def _row_chart(row) -> dict[str, Any]:
    """What a scorecard row's chart is drawn from (the title aside)."""
    return {
        "measure_key": row.measure.key,
        "unit_label": UNIT_LABELS.get(row.measure.unit, ""),
        "months": row.months,
        "figures": row.figures,
        "national": row.national.value if row.national else None,
    }


def card_chart(card):
    """Draws a scorecard row's chart (``draw(row)``), titled with the card's area. The card's
    cached charts are read in one query (`cache.get_many`), not one per row."""
    cached = cache.get_many([chart_key(**_row_chart(row)) for row in card.rows])

    def draw(row) -> SafeString:
        return measure_chart(
            title=f"{row.measure.title}, {card.scope_name}, by month",
            cached=cached,
            **_row_chart(row),
        )

    return draw


def warm_charts(scopes, keys: list[str] | None = None) -> int:
    """Draw (into the shared cache) the charts of the 24-month scorecard of each scope (for the
    measures in ``keys``, default all), so the first reader after a refresh does not wait for
    them; charts already cached are not drawn again. Returns the number of charts."""
    drawn = 0
    for scope in scopes:
        card = scorecard(scope=scope, keys=keys)
        draw = card_chart(card)
        for row in card.rows:
            draw(row)
            drawn += 1
    return drawn
