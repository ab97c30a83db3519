"""Sign-in that ends on a leaver's leaving date (ADR 0013).

A member of staff whose staff record has a leaving date on or before today (the one clock)
cannot sign in, and a session they already hold stops working that day: Django asks the
backend for the session's user on every request (`get_user`), and this backend refuses a
leaver there too. The user is loaded with their staff record in one query, so the check costs
nothing on each request.
"""

import logging

from django.contrib.auth.backends import ModelBackend

from cairn.accounts.models import User
from cairn.accounts.selectors import has_left
from cairn.core import clock

logger = logging.getLogger("cairn.accounts.sign_in")


class StaffBackend(ModelBackend):
    """ModelBackend that also refuses leavers (StaffRecord.left_on <= today)."""

    def user_can_authenticate(self, user) -> bool:
        if not super().user_can_authenticate(user):
            return False
        if has_left(user, today=clock.today()):
            logger.warning(
                "Refused sign-in for %s: left on %s", user.username, user.staff_record.left_on
            )
            return False
        return True

    def get_user(self, user_id):
        user = User.objects.select_related("staff_record", "team").filter(pk=user_id).first()
        if user is None or not self.user_can_authenticate(user):
            return None
        return user
