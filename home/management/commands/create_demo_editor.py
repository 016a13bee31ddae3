from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from home.services import demo_editor_ensure

DEMO_EMAIL = "redacteur@weerbaar.test"
DEMO_PASSWORD = "weerbaar-demo-2026"  # noqa: S105  (documented demo login, dev settings only)


class Command(BaseCommand):
    help = "Maakt het demo-redacteursaccount aan. Alleen met DEBUG (ontwikkelinstellingen)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("create_demo_editor runs only with DEBUG=True (dev settings).")
        _, created = demo_editor_ensure(email=DEMO_EMAIL, password=DEMO_PASSWORD)
        state = "aangemaakt" if created else "bestond al"
        self.stdout.write(f"demo-redacteur {DEMO_EMAIL} {state}")
