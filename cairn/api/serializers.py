"""The API's request and response shapes. Requests are validated here for type and form (a
bad date, a missing field, a string with a NUL); the services then apply the domain's rules,
and their ValidationErrors come back as 400s naming the same fields (errors.py)."""

from rest_framework import serializers

from cairn.core.codelists import choices
from cairn.frontdoor.models import Consent, Level
from cairn.people.models import IdentifierSystem, PersonKind
from cairn.returns.models import ReturnKind, RunStatus
from cairn.timescales.alert_selectors import rule_codes
from cairn.timescales.engine import Status

MAX_CHILDREN_PER_CONTACT = 20
MAX_ID = 2**63 - 1
EARLIEST_YEAR = 1900


# --- Query parameters ----------------------------------------------------------------------


class ChildSearchQuery(serializers.Serializer):
    q = serializers.CharField(
        max_length=200,
        help_text="A name (tolerant of typos), a date of birth (dd/mm/yyyy or yyyy-mm-dd), an "
        "NHS number, UPN or LA child ID, or a mix",
    )


class AlertQuery(serializers.Serializer):
    rule = serializers.ChoiceField(choices=[], required=False, help_text="A drift rule code")
    status = serializers.ChoiceField(
        choices=[Status.OVERDUE, Status.DUE_SOON, Status.FLAG], required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rule"].choices = rule_codes()


# --- Children ------------------------------------------------------------------------------


class ChildSearchResult(serializers.Serializer):
    id = serializers.IntegerField()
    la_child_id = serializers.CharField(allow_null=True)
    kind = serializers.ChoiceField(choices=[PersonKind.CHILD, PersonKind.UNBORN])
    name = serializers.CharField(help_text="'Restricted record' when `hidden`")
    date_of_birth = serializers.DateField(allow_null=True)
    expected_date_of_birth = serializers.DateField(allow_null=True)
    restricted = serializers.BooleanField()
    hidden = serializers.BooleanField(
        help_text="A restricted record this integration may not open: no name or birth date"
    )


class Identifier(serializers.Serializer):
    system = serializers.ChoiceField(choices=IdentifierSystem.choices)
    value = serializers.CharField()


class LevelOfNeed(serializers.Serializer):
    code = serializers.ChoiceField(choices=Level.choices)
    label = serializers.CharField()


class AllocationSummary(serializers.Serializer):
    team = serializers.CharField(allow_null=True)
    worker = serializers.CharField(allow_null=True)
    started_on = serializers.DateField()


class ChildSummary(serializers.Serializer):
    id = serializers.IntegerField()
    la_child_id = serializers.CharField(allow_null=True)
    kind = serializers.ChoiceField(choices=[PersonKind.CHILD, PersonKind.UNBORN])
    name = serializers.CharField()
    known_as = serializers.CharField(allow_blank=True)
    date_of_birth = serializers.DateField(allow_null=True)
    expected_date_of_birth = serializers.DateField(allow_null=True)
    sex = serializers.ChoiceField(choices=choices("sex"))
    restricted = serializers.BooleanField()
    identifiers = Identifier(many=True)
    level_of_need = LevelOfNeed()
    allocation = AllocationSummary(allow_null=True)


# --- Plans and alerts ----------------------------------------------------------------------


class PlanCategory(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()
    from_on = serializers.DateField()


class PlanAction(serializers.Serializer):
    what = serializers.CharField()
    who = serializers.CharField(allow_blank=True)
    due_on = serializers.DateField()
    status = serializers.CharField()


class PlanVersionOut(serializers.Serializer):
    number = serializers.IntegerField()
    made_on = serializers.DateField()
    authorised_on = serializers.DateField(allow_null=True)
    outcomes = serializers.ListField(child=serializers.CharField())
    actions = PlanAction(many=True)


class PlanOut(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=["cin", "cp"])
    status = serializers.ChoiceField(choices=["draft", "active", "ended"])
    started_on = serializers.DateField(allow_null=True)
    ended_on = serializers.DateField(allow_null=True)
    end_reason = serializers.CharField(allow_blank=True)
    categories = PlanCategory(many=True, help_text="CP plans: category of abuse from each date")
    version = PlanVersionOut(
        allow_null=True, help_text="The version in force, else the draft being written"
    )


class AlertOut(serializers.Serializer):
    rule = serializers.CharField()
    status = serializers.ChoiceField(choices=[Status.OVERDUE, Status.DUE_SOON, Status.FLAG])
    severity = serializers.CharField()
    explanation = serializers.CharField()
    child_id = serializers.IntegerField(allow_null=True)
    la_child_id = serializers.CharField(allow_null=True)
    team_id = serializers.IntegerField(allow_null=True)
    due = serializers.DateField(allow_null=True)
    overdue_by = serializers.IntegerField(allow_null=True)
    unit = serializers.CharField(allow_null=True)
    hidden = serializers.BooleanField(
        help_text="The child's record is restricted and this integration may not open it "
        "(the alert is listed by LA child ID, as on the alert pages; reading the child is refused)"
    )


# --- Contacts ------------------------------------------------------------------------------


class ContactIn(serializers.Serializer):
    children = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_ID),
        min_length=1,
        max_length=MAX_CHILDREN_PER_CONTACT,
        help_text="Ids of the children the contact is about (siblings share one contact)",
    )
    received_at = serializers.DateTimeField(help_text="When the contact was received")
    source = serializers.ChoiceField(
        choices=choices("referral_source"), help_text="CIN census referral source code"
    )
    concerns = serializers.CharField(max_length=20000)
    consent = serializers.ChoiceField(choices=Consent.choices, default=Consent.NOT_RECORDED)
    referrer_name = serializers.CharField(max_length=120, required=False, allow_blank=True)
    referrer_organisation = serializers.CharField(max_length=120, required=False, allow_blank=True)
    referrer_role = serializers.CharField(max_length=120, required=False, allow_blank=True)

    def validate_received_at(self, value):
        # Before 1900 is a mistake, not a contact (and London's pre-1847 local mean time has an
        # offset, -00:01:15, that RFC 3339 date-times cannot write).
        if value.year < EARLIEST_YEAR:
            raise serializers.ValidationError(f"Enter a date from {EARLIEST_YEAR} onwards.")
        return value


class ContactChildOut(serializers.Serializer):
    id = serializers.IntegerField(help_text="The child's id")
    la_child_id = serializers.CharField(allow_null=True)


class ContactOut(serializers.Serializer):
    id = serializers.IntegerField()
    received_at = serializers.DateTimeField()
    source = serializers.CharField()
    consent = serializers.CharField()
    children = ContactChildOut(many=True)


# --- Returns -------------------------------------------------------------------------------


class ReturnRunOut(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=ReturnKind.choices)
    reference_date = serializers.DateField()
    status = serializers.ChoiceField(choices=RunStatus.choices)
    processed = serializers.IntegerField()
    total = serializers.IntegerField(allow_null=True)
    started_at = serializers.DateTimeField(allow_null=True)
    finished_at = serializers.DateTimeField(allow_null=True)
    errors = serializers.IntegerField(allow_null=True, help_text="CIN census: DfE rule errors")
    queries = serializers.IntegerField(allow_null=True, help_text="CIN census: DfE queries")
    error_message = serializers.CharField(allow_blank=True)
    download_url = serializers.CharField(allow_null=True, help_text="Set once the file is ready")
