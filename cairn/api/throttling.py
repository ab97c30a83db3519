"""A rate per token for each kind of call (ADR 0026). Each view names its `throttle_scope`
(api_read, api_write, api_download); the rates are `REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]`.
Counts live in Django's cache (clear it to reset). Over the rate: 429 with Retry-After."""

from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from cairn.api.models import ApiToken


class TokenRateThrottle(SimpleRateThrottle):
    cache_format = "cairn-api-throttle:%(scope)s:%(ident)s"

    def __init__(self):
        # The scope is the view's, known only in allow_request.
        pass

    def get_rate(self):
        # Read at each request (not at import, as DRF's class attribute is), so settings
        # overrides in tests and per-environment values take effect.
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def allow_request(self, request, view) -> bool:
        self.scope = getattr(view, "throttle_scope", None)
        if not self.scope or not isinstance(request.auth, ApiToken):
            return True  # no token: refused by the permission check before any work
        self.rate = self.get_rate()
        if self.rate is None:
            return True
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request, view)

    def get_cache_key(self, request, view) -> str:
        return self.cache_format % {"scope": self.scope, "ident": request.auth.pk}
