"""TOTP two-factor sign-in with django-otp (ADR 0024).

Each user has one authenticator app (a TOTPDevice). Enrolment creates the device unconfirmed and
shows its secret as a QR code (inline SVG, so no script is needed) and as text; the first correct
code confirms it. django-otp checks codes (RFC 6238, one step of tolerance either side), refuses
a code already used (replay) and slows repeated wrong codes down per device; the lockout
(lockout.py) counts wrong codes as failed sign-ins too.
"""

import logging
from base64 import b32encode

import qrcode
import qrcode.image.svg
from django.db import transaction
from django.utils import timezone
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from cairn.accounts.models import User

logger = logging.getLogger("cairn.accounts.sign_in")

DEVICE_NAME = "Authenticator app"


def has_confirmed_device(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def confirmed_device(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def enrolment_device(user: User) -> TOTPDevice:
    """The user's unconfirmed device, made on first visit, so the secret shown stays the same
    until the user confirms it with a code."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


def secret_text(device: TOTPDevice) -> str:
    """The secret in base32, in groups of four, for apps set up by typing it."""
    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_code_svg(device: TOTPDevice) -> str:
    """The otpauth:// URL as an SVG QR code (markup made here from our own data)."""
    image = qrcode.make(
        device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=4
    )
    svg = image.to_string(encoding="unicode")
    return svg.replace(
        "<svg ", '<svg role="img" aria-label="QR code for your authenticator app" ', 1
    )


def wait_seconds(device: TOTPDevice) -> int:
    """How long django-otp's throttle makes the user wait before the next code (0: none)."""
    allowed, data = device.verify_is_allowed()
    if allowed or not data:
        return 0
    locked_until = data.get("locked_until")
    if locked_until is None:
        return 0
    return max(1, int((locked_until - timezone.now()).total_seconds()) + 1)


@transaction.atomic
def code_check(*, request, user: User, device: TOTPDevice, code: str) -> bool:
    """Check a code for the device; a right one marks the session verified (and confirms a new
    device). The session key changes, as on any change of privilege."""
    device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
    if not device.verify_token(code):
        logger.warning("Wrong two-factor code for %s", user.username)
        return False
    if not device.confirmed:
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        logger.info("Two-factor app set up for %s", user.username)
    request.session.cycle_key()
    otp_login(request, device)
    return True
