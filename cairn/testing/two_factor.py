"""The codes an authenticator app would show, for tests that drive the two-factor pages."""

import time
from base64 import b32decode

from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice


def code_for_key(key: bytes, *, after_step: int = -1, step: int = 30) -> str:
    """The app's code now, or for the next time step when the current one has been used (the
    server refuses a code twice; one step ahead is within its tolerance)."""
    totp = TOTP(key, step=step)
    totp.time = time.time()
    if totp.t() <= after_step:
        totp.time += step * (after_step - totp.t() + 1)
    return f"{totp.token():06d}"


def code_for_device(device: TOTPDevice) -> str:
    device.refresh_from_db()
    return code_for_key(device.bin_key, after_step=device.last_t, step=device.step)


def code_for_secret(secret_text: str) -> str:
    """The code for the secret key as the set-up page shows it (base32 in groups of four)."""
    secret = "".join(secret_text.split())
    key = b32decode(secret + "=" * (-len(secret) % 8))
    return code_for_key(key)


def wrong_code(device: TOTPDevice) -> str:
    right = int(code_for_device(device))
    return f"{(right + 1) % 1_000_000:06d}"
