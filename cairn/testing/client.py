"""The test client used by the suite (the root conftest's `client` fixture).

Two-factor sign-in is on in the test settings, as in production. Tests that are not about
signing in use `client.force_login(user)` (or `client.login(...)`); this client then also does
what the second step does: it gives the user a confirmed authenticator app and marks the
session verified with it (django-otp's session key). The two-factor tests
(cairn/accounts/tests/test_two_factor.py) use Django's plain Client and drive the real pages.
"""

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice


def verified_device(user) -> TOTPDevice:
    device, _ = TOTPDevice.objects.get_or_create(
        user=user, confirmed=True, defaults={"name": "Test authenticator"}
    )
    return device


class VerifiedClient(Client):
    def _login(self, user, backend=None):
        super()._login(user, backend)
        session = self.session
        session[DEVICE_ID_SESSION_KEY] = verified_device(user).persistent_id
        session.save()
