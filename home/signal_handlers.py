"""Wiring only: after migrating, the site addresses follow the settings. No logic lives here."""

from django.db.models.signals import post_migrate


def _site_addresses(sender, **kwargs) -> None:
    # After the last app's migrations, so both Site tables exist.
    if sender.name == "home":
        from .services import site_addresses_apply

        site_addresses_apply(using=kwargs.get("using", "default"))


def connect() -> None:
    post_migrate.connect(_site_addresses, dispatch_uid="home.site_addresses")
