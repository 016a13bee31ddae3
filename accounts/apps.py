from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Roles, MFA for staff, session limits, the audit trail and the personal-data registry."""

    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from . import personal_data, privacy, signal_handlers, wagtail_denials

        signal_handlers.connect()
        wagtail_denials.wagtail_denials_audit_install()
        personal_data.register_all()
        # Each app declares its personal data in its own ``privacy.py``; import them all so the
        # registry is complete before the first export or erasure.
        privacy.autodiscover()
