"""The family network drawn as a genogram: server-rendered SVG, no JavaScript.

Grandparents on the top row, parents and carers below them, and the child with their siblings
in a row at the bottom (oldest on the left). Males are squares, females circles, others
diamonds; the child the page is about has a double outline; people living in the child's
household are shaded. The same people are listed in a table beside the drawing.
"""

import datetime as dt
from dataclasses import dataclass

from cairn.casework.selectors.child import FamilyNetwork
from cairn.people.models import Person, PersonKind, RelationshipType
from cairn.people.presenters import age_text

T = RelationshipType
SPACING = 150  # between the centres of people in a row
SIZE = 40  # of a symbol
ROW_HEIGHT = 140
MARGIN = 20
LABEL_CHARS = 18
GRANDPARENT_ROW, PARENT_ROW, CHILD_ROW = 0, 1, 2
ROW_OF = {
    T.GRANDPARENT: GRANDPARENT_ROW,
    T.MOTHER: PARENT_ROW,
    T.FATHER: PARENT_ROW,
    T.STEP_PARENT: PARENT_ROW,
    T.CARER: PARENT_ROW,
    T.SIBLING: CHILD_ROW,
}
PARENT_ORDER = {T.FATHER: 0, T.MOTHER: 1, T.STEP_PARENT: 2, T.CARER: 3}


@dataclass(frozen=True)
class GenogramNode:
    x: int
    y: int
    shape: str  # square, circle or diamond
    lines: tuple[str, ...]
    household: bool
    focus: bool

    @property
    def half(self) -> int:
        return SIZE // 2

    @property
    def left(self) -> int:
        return self.x - SIZE // 2

    @property
    def top(self) -> int:
        return self.y - SIZE // 2

    @property
    def diamond_points(self) -> str:
        h = SIZE // 2
        x, y = self.x, self.y
        return f"{x},{y - h} {x + h},{y} {x},{y + h} {x - h},{y}"

    @property
    def labels(self) -> list[tuple[int, str]]:
        """Each line of the label with its baseline, below the symbol."""
        return [(self.y + SIZE // 2 + 18 * (n + 1), text) for n, text in enumerate(self.lines)]


@dataclass(frozen=True)
class GenogramLine:
    x1: int
    y1: int
    x2: int
    y2: int


@dataclass(frozen=True)
class Genogram:
    width: int
    height: int
    nodes: list[GenogramNode]
    lines: list[GenogramLine]
    title: str
    description: str
    has_household: bool


@dataclass(frozen=True)
class _Member:
    person: Person
    relationship: str
    row: int
    household: bool
    order: tuple


def _shape(person: Person) -> str:
    return {"M": "square", "F": "circle"}.get(person.sex, "diamond")


def _short(text: str) -> str:
    return text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1] + "…"


def _members(child: Person, family: FamilyNetwork) -> list[_Member]:
    members: dict[int, _Member] = {}

    def add(person: Person, type_: str, label: str, household: bool) -> None:
        if person.pk in members or person.pk == child.pk or type_ not in ROW_OF:
            return
        dob = person.date_of_birth or person.expected_date_of_birth or dt.date.max
        members[person.pk] = _Member(
            person, label, ROW_OF[type_], household, (PARENT_ORDER.get(type_, 9), dob, person.pk)
        )

    for r in family.relationships:
        add(r.relative, r.type, r.get_type_display(), r.same_household)
    for r in family.inverse:
        if r.type == T.SIBLING:
            add(r.person, T.SIBLING, "Sibling", r.same_household)
    for r in family.through_parents:
        add(r.person, T.SIBLING, f"Sibling (via {r.relative.given_name or 'parent'})", False)
    return sorted(members.values(), key=lambda m: (m.row, m.order))


def _node(member: _Member, x: int, y: int, today: dt.date) -> GenogramNode:
    person = member.person
    age = age_text(person, today) if person.kind != PersonKind.ADULT else ""
    lines = (_short(person.full_name), member.relationship, *((age,) if age else ()))
    return GenogramNode(x, y, _shape(person), lines, member.household, focus=False)


def _row_xs(count: int, width: int) -> list[int]:
    start = (width - (count - 1) * SPACING) // 2
    return [start + n * SPACING for n in range(count)]


def genogram_for(*, child: Person, family: FamilyNetwork, today: dt.date) -> Genogram:
    members = _members(child, family)
    rows: dict[int, list[_Member]] = {GRANDPARENT_ROW: [], PARENT_ROW: [], CHILD_ROW: []}
    for member in members:
        rows[member.row].append(member)
    children_row = sorted(
        [*rows[CHILD_ROW], _Member(child, "This child", CHILD_ROW, True, ())],
        key=lambda m: m.person.date_of_birth or m.person.expected_date_of_birth or dt.date.max,
    )
    rows[CHILD_ROW] = children_row
    used = [n for n in (GRANDPARENT_ROW, PARENT_ROW, CHILD_ROW) if rows[n]]
    widest = max(len(rows[n]) for n in used)
    width = max(widest * SPACING, SPACING * 2) + 2 * MARGIN
    nodes, ys = [], {}
    for level, row in enumerate(used):
        ys[row] = MARGIN + SIZE // 2 + level * ROW_HEIGHT
        for member, x in zip(rows[row], _row_xs(len(rows[row]), width), strict=True):
            node = _node(member, x, ys[row], today)
            if member.person.pk == child.pk:
                node = GenogramNode(
                    x,
                    ys[row],
                    node.shape,
                    (_short(child.full_name), "This child", node.lines[-1]),
                    household=True,
                    focus=True,
                )
            nodes.append(node)
    lines = _lines(nodes, rows, ys)
    names = ", ".join(f"{m.person.full_name} ({m.relationship.lower()})" for m in members)
    return Genogram(
        width=width,
        height=MARGIN + len(used) * ROW_HEIGHT,
        nodes=nodes,
        lines=lines,
        title=f"Genogram of {child.full_name}'s family network",
        description=(
            f"{child.full_name} with {names}."
            if names
            else f"{child.full_name}: no relatives recorded."
        ),
        has_household=any(n.household and not n.focus for n in nodes),
    )


def _lines(nodes: list[GenogramNode], rows: dict, ys: dict) -> list[GenogramLine]:
    """A line joining the parents, a line down from it to a bar over the children, and a line
    down to each child."""
    by_row = {row: [n for n in nodes if n.y == y] for row, y in ys.items()}
    parents = [
        node
        for node, member in zip(by_row.get(PARENT_ROW, []), rows[PARENT_ROW], strict=False)
        if member.relationship in (T.MOTHER.label, T.FATHER.label)
    ]
    children = by_row.get(CHILD_ROW, [])
    if not parents or not children:
        return []
    half = SIZE // 2
    lines = []
    parent_y = parents[0].y
    if len(parents) > 1:
        lines.append(GenogramLine(parents[0].x + half, parent_y, parents[-1].x - half, parent_y))
    drop_x = (parents[0].x + parents[-1].x) // 2
    drop_from = parent_y if len(parents) > 1 else parent_y + half
    bar_y = children[0].y - half - 30
    lines.append(GenogramLine(drop_x, drop_from, drop_x, bar_y))
    xs = [c.x for c in children]
    lines.append(GenogramLine(min(*xs, drop_x), bar_y, max(*xs, drop_x), bar_y))
    lines += [GenogramLine(c.x, bar_y, c.x, c.y - half) for c in children]
    return lines
