"""Step 2: children (some unborn) in households with their family networks, identifiers,
characteristics and addresses, and each child's journey through the service (contacts,
referrals, assessments, plans, reviews, visits, notes, early help, allocations: see journeys/).

Households are generated and written in chunks, so memory stays flat whatever the size.
"""

import datetime as dt
from dataclasses import dataclass, field

from cairn.demo import distributions as dist
from cairn.demo.allocations import OpenCasePlan
from cairn.demo.context import SeedContext
from cairn.demo.identifiers import NhsNumbers, Upns
from cairn.demo.journeys.base import Adult, ChildCase
from cairn.demo.journeys.maker import JourneyMaker
from cairn.demo.journeys.rows import JourneyRows
from cairn.demo.pools import person_name_keys, pools_for, postcode
from cairn.people.models import (
    Address,
    Disability,
    Identifier,
    IdentifierSystem,
    ImmigrationStatus,
    Person,
    PersonKind,
    Relationship,
    RelationshipType,
)
from cairn.people.services import la_child_ids_reserve

CHUNK_CHILDREN = 5000
UNBORN_PER_HOUSEHOLD = 0.035  # gives ~2% of children unborn
NHS_NUMBER_SHARE = 0.93
UPN_SHARE = 0.88  # of school-age children
UPN_UNKNOWN_SCHOOL_AGE = dist.Weighted(
    [("UN4", 30), ("UN5", 20), ("UN6", 20), ("UN2", 15), ("UN3", 15)]
)
DAYS_A_YEAR = 365.25


@dataclass
class Chunk:
    """Unsaved rows for a run of households; people are written first, then what hangs off them."""

    people: list[Person] = field(default_factory=list)
    identifiers: list[Identifier] = field(default_factory=list)
    disabilities: list[Disability] = field(default_factory=list)
    statuses: list[ImmigrationStatus] = field(default_factory=list)
    addresses: list[Address] = field(default_factory=list)
    relationships: list[Relationship] = field(default_factory=list)
    journeys: JourneyRows = field(default_factory=JourneyRows)
    children: int = 0

    def write(self, ctx: SeedContext) -> None:
        for model, rows in (
            (Person, self.people),
            (Identifier, self.identifiers),
            (Disability, self.disabilities),
            (ImmigrationStatus, self.statuses),
            (Address, self.addresses),
            (Relationship, self.relationships),
        ):
            ctx.writer.create(model, rows)
        self.journeys.write(ctx)


@dataclass
class Home:
    line_1: str
    town: str
    postcode: str
    since: dt.date


def years_before(day: dt.date, years: float) -> dt.date:
    return day - dt.timedelta(days=int(years * DAYS_A_YEAR))


class FamilyMaker:
    """Makes one household at a time into a Chunk."""

    def __init__(self, ctx: SeedContext):
        self.ctx = ctx
        self.rng = ctx.rng_for("families")
        self.as_of = ctx.as_of
        self.actor_id = ctx.actor.pk
        self.pools = pools_for(ctx.seed)
        self.nhs = NhsNumbers(ctx.rng_for("nhs"))
        self.upns = Upns(ctx.rng_for("upn"), schools=max(20, ctx.profile.children // 400))
        self.la_ids = iter(la_child_ids_reserve(ctx.profile.children))
        self.plan = OpenCasePlan(ctx.council, ctx.profile, ctx.rng_for("caseloads"))
        self.journeys = JourneyMaker(ctx)
        self.localities = max(1, sum(len(localities) for _, localities in ctx.profile.areas))
        self.children_left = ctx.profile.children
        self.open_cases = 0

    # People -------------------------------------------------------------------------------

    def _person(self, chunk: Chunk, *, given: str, family: str, **fields) -> Person:
        person = Person(
            given_name=given,
            family_name=family,
            created_by_id=self.actor_id,
            updated_by_id=self.actor_id,
            **person_name_keys(given, family),
            **fields,
        )
        chunk.people.append(person)
        return person

    def _adult(self, chunk: Chunk, *, sex: str, group: str, ethnicity: str, family: str, dob):
        return self._person(
            chunk,
            kind=PersonKind.ADULT,
            given=self.pools.given_name(self.rng, group, sex),
            family=family,
            sex=sex,
            date_of_birth=dob,
            ethnicity=ethnicity,
            gender_identity="01" if sex == "M" else "02",
            religion=dist.religion(self.rng, ethnicity),
            first_language=dist.first_language(self.rng, ethnicity),
        )

    def _child(self, chunk: Chunk, *, age: int | None, group: str, ethnicity: str, family: str):
        """A child aged `age` at the as-of date, or an unborn child when `age` is None."""
        rng = self.rng
        if age is None:
            sex, dob = "U", None
            expected = self.as_of + dt.timedelta(days=rng.randint(14, 200))
        else:
            sex, expected = dist.SEX_OF_BORN_CHILD.draw(rng), None
            dob = self.as_of - dt.timedelta(days=int((age + rng.random()) * DAYS_A_YEAR))
        child = self._person(
            chunk,
            kind=PersonKind.UNBORN if age is None else PersonKind.CHILD,
            la_child_id=next(self.la_ids),
            given="" if age is None else self.pools.given_name(rng, group, sex),
            family=family,
            sex=sex,
            date_of_birth=dob,
            expected_date_of_birth=expected,
            gender_identity=dist.gender_identity(rng, sex, age or 0),
            ethnicity=ethnicity,
            religion=dist.religion(rng, ethnicity),
            first_language="" if age is None else dist.first_language(rng, ethnicity),
        )
        chunk.children += 1
        return child

    def _record(self, model, **fields):
        return model(created_by_id=self.actor_id, updated_by_id=self.actor_id, **fields)

    def _identifiers(self, chunk: Chunk, child: Person, age: int | None) -> None:
        rng = self.rng
        if age is not None and rng.random() < NHS_NUMBER_SHARE:
            chunk.identifiers.append(
                self._record(
                    Identifier,
                    person=child,
                    system=IdentifierSystem.NHS,
                    value=self.nhs.next(),
                    valid_from=child.date_of_birth,
                )
            )
        if age is None or age < 5:
            child.upn_unknown_reason = "UN1"
        elif rng.random() < UPN_SHARE:
            upn = self.upns.next(date_of_birth=child.date_of_birth)
            issued = dt.date(2000 + int(upn[8:10]), 9, 1)
            chunk.identifiers.append(
                self._record(
                    Identifier,
                    person=child,
                    system=IdentifierSystem.UPN,
                    value=upn,
                    valid_from=min(issued, self.as_of),
                )
            )
        else:
            child.upn_unknown_reason = UPN_UNKNOWN_SCHOOL_AGE.draw(rng)

    def _characteristics(self, chunk: Chunk, child: Person, age: int | None, disabled: bool):
        rng = self.rng
        if age is None:
            return  # not recorded before birth
        disabled = disabled or rng.random() < dist.DISABILITY_SHARE
        codes = dist.disability_codes(rng) if disabled else ["NONE"]
        chunk.disabilities += [self._record(Disability, person=child, code=c) for c in codes]
        status = dist.immigration_status(rng, child.ethnicity)
        if status:
            arrived = self.as_of - dt.timedelta(days=rng.randint(30, 365 * (age + 1)))
            chunk.statuses.append(
                self._record(
                    ImmigrationStatus,
                    person=child,
                    status=status,
                    started_on=max(arrived, child.date_of_birth),
                )
            )

    # Places -------------------------------------------------------------------------------

    def _home(self, locality: int, earliest: dt.date) -> Home:
        rng = self.rng
        towns = self.ctx.profile.towns
        town = towns[(locality - 1) % len(towns)] if rng.random() < 0.85 else rng.choice(towns)
        span = max(1, (self.as_of - earliest).days)
        return Home(
            line_1=f"{rng.randint(1, 240)} {self.pools.street(rng)}",
            town=town,
            postcode=postcode(rng, locality),
            since=self.as_of - dt.timedelta(days=min(span, int(rng.expovariate(1 / 1500)))),
        )

    def _lives_at(self, chunk: Chunk, person: Person, home: Home, ended: dt.date | None = None):
        born = person.date_of_birth or home.since
        if ended is not None and ended < born:
            return  # moved before this person was born
        chunk.addresses.append(
            self._record(
                Address,
                person=person,
                line_1=home.line_1,
                town=home.town,
                postcode=home.postcode,
                started_on=max(home.since, born),
                ended_on=ended,
            )
        )

    # Households ---------------------------------------------------------------------------

    def household(self, chunk: Chunk) -> None:
        if self.rng.random() < dist.UASC_HOUSEHOLD_SHARE:
            self._uasc(chunk)
        else:
            self._family(chunk)

    def _ages(self) -> list[int | None]:
        rng = self.rng
        ages: list[int | None] = [dist.ELDEST_AGE.draw(rng)]
        for _ in range(dist.CHILDREN_IN_HOUSEHOLD.draw(rng) - 1):
            younger = ages[-1] - rng.randint(1, 4)
            if younger < 0:
                break
            ages.append(younger)
        if rng.random() < UNBORN_PER_HOUSEHOLD:
            ages.append(None)
        return ages[: self.children_left]

    def _family(self, chunk: Chunk) -> None:
        rng = self.rng
        ethnicity = dist.ETHNICITY.draw(rng)
        group = dist.name_group(ethnicity)
        family = self.pools.family_name(rng, group)
        mother_family = family if rng.random() < 0.7 else self.pools.family_name(rng, group)
        ages = self._ages()
        children = [
            self._child(
                chunk,
                age=age,
                group=group,
                ethnicity=ethnicity,
                family=family if rng.random() < 0.8 else mother_family,
            )
            for age in ages
        ]
        eldest_born = years_before(self.as_of, (ages[0] or 0) + 1)
        mother_dob = years_before(eldest_born, rng.randint(16, 36) + rng.random())
        locality = rng.randint(1, self.localities)
        home = self._home(locality, years_before(mother_dob, -18))
        adults = self._adults(chunk, group, ethnicity, family, mother_family, mother_dob)
        cases = []
        for child, age in zip(children, ages, strict=True):
            self._identifiers(chunk, child, age)
            cases.append(self._case(chunk, child))
            if age is not None:
                self._lives_at(chunk, child, home)
        self._moves(chunk, children, home, locality)
        self._network(chunk, children, adults, home)
        network = [
            Adult(role, adults[role], at_home)
            for role, at_home in (
                ("mother", True),
                ("father", adults["father_in_household"]),
                ("step_parent", True),
                ("grandparent", adults["grandparent_in_household"]),
            )
            if role in adults
        ]
        for case in cases:
            case.adults = network
            case.siblings = [c for c in children if c is not case.child]
        self.journeys.household(chunk.journeys, cases)

    def _adults(self, chunk, group, ethnicity, family, mother_family, mother_dob) -> dict:
        rng = self.rng
        adults = {}
        if rng.random() < 0.95:
            adults["mother"] = self._adult(
                chunk,
                sex="F",
                group=group,
                ethnicity=ethnicity,
                family=mother_family,
                dob=mother_dob,
            )
        if rng.random() < 0.65:
            father_dob = mother_dob - dt.timedelta(days=rng.randint(-700, 3000))
            adults["father"] = self._adult(
                chunk, sex="M", group=group, ethnicity=ethnicity, family=family, dob=father_dob
            )
        father_home = "father" in adults and rng.random() < 0.45
        if not father_home and rng.random() < 0.2:
            step_family = self.pools.family_name(rng, group)
            step_dob = mother_dob - dt.timedelta(days=rng.randint(-1500, 3000))
            adults["step_parent"] = self._adult(
                chunk, sex="M", group=group, ethnicity=ethnicity, family=step_family, dob=step_dob
            )
        if rng.random() < 0.25:
            adults["grandparent"] = self._adult(
                chunk,
                sex="F" if rng.random() < 0.75 else "M",
                group=group,
                ethnicity=ethnicity,
                family=mother_family,
                dob=years_before(mother_dob, rng.randint(18, 32)),
            )
        adults["father_in_household"] = father_home
        adults["grandparent_in_household"] = rng.random() < 0.15
        return adults

    def _network(self, chunk: Chunk, children: list[Person], adults: dict, home: Home) -> None:
        """Relationships (child -> adult, elder sibling -> younger) and the adults' addresses."""
        rng = self.rng
        links = [
            ("mother", RelationshipType.MOTHER, True),
            ("father", RelationshipType.FATHER, adults["father_in_household"]),
            ("step_parent", RelationshipType.STEP_PARENT, True),
            ("grandparent", RelationshipType.GRANDPARENT, adults["grandparent_in_household"]),
        ]
        step_since = self.as_of - dt.timedelta(days=rng.randint(60, 2500))
        for key, type_, together in links:
            adult = adults.get(key)
            if adult is None:
                continue
            if together:
                self._lives_at(chunk, adult, home)
            for child in children:
                started = None
                if type_ == RelationshipType.STEP_PARENT:
                    started = max(step_since, child.date_of_birth or self.as_of)
                chunk.relationships.append(self._link(child, adult, type_, together, started))
        for i, elder in enumerate(children):
            for younger in children[i + 1 :]:
                chunk.relationships.append(
                    self._link(elder, younger, RelationshipType.SIBLING, True, None)
                )

    def _link(self, person, relative, type_, together, started) -> Relationship:
        return self._record(
            Relationship,
            person=person,
            relative=relative,
            type=type_,
            same_household=together,
            started_on=started,
        )

    def _moves(self, chunk: Chunk, children: list[Person], home: Home, locality: int) -> None:
        """A quarter of families moved in the last few years: the children's previous address."""
        if self.rng.random() >= 0.25:
            return
        previous = self._home(locality, years_before(home.since, 6))
        previous.since = min(previous.since, home.since - dt.timedelta(days=400))
        for child in children:
            if child.date_of_birth is not None:
                self._lives_at(chunk, child, previous, ended=home.since - dt.timedelta(days=1))

    def _uasc(self, chunk: Chunk) -> None:
        """An unaccompanied asylum-seeking child, 16 or 17, in supported accommodation."""
        rng = self.rng
        ethnicity = dist.UASC_ETHNICITY.draw(rng)
        group = dist.name_group(ethnicity)
        age = rng.choice((16, 17))
        child = self._child(
            chunk,
            age=age,
            group=group,
            ethnicity=ethnicity,
            family=self.pools.family_name(rng, group),
        )
        child.upn_unknown_reason = rng.choice(("UN3", "UN4"))
        arrived = self.as_of - dt.timedelta(days=rng.randint(20, 700))
        chunk.statuses.append(
            self._record(ImmigrationStatus, person=child, status="UASC", started_on=arrived)
        )
        chunk.disabilities.append(self._record(Disability, person=child, code="NONE"))
        case = self._case(chunk, child, characteristics=False)
        self.journeys.household(chunk.journeys, [case])
        home = self._home(rng.randint(1, self.localities), arrived)
        home.line_1 = f"Flat {rng.randint(1, 12)}, {home.line_1}"
        home.since = arrived
        self._lives_at(chunk, child, home)

    # Cases --------------------------------------------------------------------------------

    def _case(self, chunk: Chunk, child: Person, characteristics: bool = True) -> ChildCase:
        """Open (on the plan's next caseload) or closed, by selection sampling: exactly as many
        open cases as the plan holds. The journey is made once the household is complete."""
        rng = self.rng
        unborn = child.kind == PersonKind.UNBORN
        earliest = child.date_of_birth or child.expected_date_of_birth - dt.timedelta(days=280)
        is_open = rng.random() * self.children_left < self.plan.remaining
        self.children_left -= 1
        slot = None
        if is_open:
            slot = self.plan.take(unborn=unborn)
            self.open_cases += 1
        disabled = slot is not None and slot.team.kind == "disabled_children"
        if characteristics:
            age = None if unborn else _age(child.date_of_birth, self.as_of)
            self._characteristics(chunk, child, age, disabled)
        return ChildCase(child=child, earliest=earliest, slot=slot)


def _age(dob: dt.date, on: dt.date) -> int:
    return on.year - dob.year - ((on.month, on.day) < (dob.month, dob.day))


def build_children(ctx: SeedContext) -> str:
    """Children and their families, in chunks of about CHUNK_CHILDREN children."""
    maker = FamilyMaker(ctx)
    total = ctx.profile.children
    chunk = Chunk()
    while maker.children_left > 0:
        maker.household(chunk)
        if chunk.children >= CHUNK_CHILDREN or maker.children_left == 0:
            chunk.write(ctx)
            chunk = Chunk()
            ctx.progress.update("children", total - maker.children_left, total)
    maker.journeys.ids.reset_sequences()
    people = ctx.writer.counts[Person]
    return (
        f"Children and families: {total:,} children ({maker.open_cases:,} open cases), "
        f"{people - total:,} adults\n  {maker.journeys.summary()}"
    )
