"""The OpenAPI description (drf-spectacular, ADR 0026): the token scheme, and every error an
operation can answer with, in the one shape `errors.py` writes, so a client (and schemathesis)
can rely on the documented codes."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema
from rest_framework import serializers


class ErrorSerializer(serializers.Serializer):
    status = serializers.IntegerField(help_text="The HTTP status code")
    detail = serializers.CharField(help_text="What went wrong, in words")
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text="Each field (or query parameter) at fault and its reasons; empty otherwise",
    )

    class Meta:
        ref_name = "Error"


COMMON_ERRORS = {
    "400": "Bad query parameters or body: `errors` names each field and why",
    "401": "No token, or a token that is wrong, expired or revoked",
    "403": "The token lacks the scope, or its integration's role may not do this or see this "
    "record (the same rules as the pages; refused reads of a child's record are logged)",
    "404": "No such record",
    "405": "Method not allowed",
    "406": "The API answers in JSON (or the file's own type for downloads)",
    "429": "Too many requests for this token: wait for Retry-After seconds",
}
BODY_ERRORS = {"415": "Send JSON (Content-Type: application/json)"}


class ApiAutoSchema(AutoSchema):
    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        errors = dict(COMMON_ERRORS)
        if self.method in ("POST", "PUT", "PATCH"):
            errors.update(BODY_ERRORS)
        for code, description in errors.items():
            if code not in responses:
                response = self._get_response_for_code(ErrorSerializer, code, direction=direction)
                response["description"] = description
                responses[code] = response
        return responses


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = "cairn.api.authentication.ApiTokenAuthentication"
    name = "apiToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A token issued with `manage.py create_api_token` (ADR 0026).",
        }
