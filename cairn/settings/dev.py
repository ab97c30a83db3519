"""Local development and the demo: debug on, an insecure key is acceptable."""

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = SECRET_KEY or "cairn-dev-only-insecure-key"  # noqa: F405, S105
