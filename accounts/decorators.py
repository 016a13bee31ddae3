"""Reauthentication before sensitive actions, for function and class-based views.

allauth asks for the password (or an authenticator code) again before e-mail changes
(``ACCOUNT_REAUTHENTICATION_REQUIRED``) and MFA changes. Any view that hands out or destroys
personal data does the same through these helpers::

    from accounts.decorators import reauthentication_required, ReauthenticationRequiredMixin

    @login_required
    @reauthentication_required              # GET and POST; allow_get=True lets GET through
    def cohort_export_view(request, pk): ...

    class CohortExportView(LoginRequiredMixin, ReauthenticationRequiredMixin, View): ...

When the last sign-in or reauthentication is older than ``ACCOUNT_REAUTHENTICATION_TIMEOUT``
(5 minutes), allauth's middleware sends the user to its reauthentication page and then replays
the original request (a POST included). A sign-in counts only because
``accounts.sessions.session_login_reauthentication_mark`` flags it; ``force_login`` leaves no
record of a password, so tests that need the direct path sign in through the forms
(``tests.factories.sign_in``).
"""

from __future__ import annotations

from allauth.account.decorators import reauthentication_required

__all__ = ["ReauthenticationRequiredMixin", "reauthentication_required"]


class ReauthenticationRequiredMixin:
    """Class-based form of ``reauthentication_required``; put it after LoginRequiredMixin."""

    reauthentication_allow_get = False

    def dispatch(self, request, *args, **kwargs):
        dispatch = reauthentication_required(allow_get=self.reauthentication_allow_get)(
            super().dispatch
        )
        return dispatch(request, *args, **kwargs)
