"""One registry of the personal data each app holds, for "Mijn gegevens" (export and erasure).

Modelled on Moodle's privacy API: every app that stores data about a user declares, in its own
``privacy.py``, how to export it and how to erase it. Export and erasure then walk the registry,
so a new model cannot be forgotten silently: ``tests/accounts/test_privacy.py`` fails when a
model with a foreign key or one-to-one link to the user model is not covered by a provider.

Declaring a model with the defaults (export its rows as plain values, erase by deleting them)::

    from accounts import privacy
    privacy.register(MyModel, description=_("..."))

or with own callables, e.g. to keep a row but cut its link to the person::

    privacy.register(
        privacy.PersonalDataProvider(
            name="courses.quiz_answers",
            description=_("Uw antwoorden op toetsvragen"),
            models=(QuizAnswer,),
            export=quiz_answers_export,      # (user) -> dict, JSON-able
            erase=quiz_answers_anonymise,    # (user) -> None, runs inside account_erase's transaction
        )
    )

A provider may ask the person a question before their account goes (``erase_choice``): the
delete page shows it when it applies, and the answer reaches the eraser as ``choice``. Courses
use it to let a holder keep their certificates verifiable or end them.

Erasers run before the user row is deleted, in registration order, inside one transaction; a
row still linked to the user afterwards is removed by the ``on_delete`` of its foreign key.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.db import models
from django.utils.module_loading import autodiscover_modules

ExportFn = Callable[[Any], dict]
EraseFn = Callable[[Any], None]


@dataclass(frozen=True)
class ErasureChoice:
    """A question for the person deleting their account, e.g. what happens to certificates.

    ``applies(user)`` says whether to ask (someone without certificates is not asked);
    ``default`` is used when nobody could be asked (an administrator or the retention job
    deletes the account).
    """

    label: str
    explanation: str
    choices: tuple[tuple[str, str], ...]
    default: str
    applies: Callable[[Any], bool]


@dataclass(frozen=True)
class PersonalDataProvider:
    """What one app holds about a user, and how to hand it over or remove it."""

    name: str
    description: str
    models: tuple[type[models.Model], ...]
    export: ExportFn
    erase: EraseFn
    # Why a provider exports or erases less than everything, when it does (shown to reviewers).
    note: str = ""
    # Asked on the delete page; the eraser is then called as ``erase(user, choice=...)``.
    erase_choice: ErasureChoice | None = None
    # Data only the admin produces (Django admin's change log, Wagtail's editing state): not
    # listed to a learner who holds none of it ("Wijzigingen die u als beheerder … maakte").
    staff_only: bool = False
    labels: tuple[str, ...] = field(default=(), init=False)

    def erase_for(self, user, choices: dict[str, str] | None = None) -> None:
        if self.erase_choice is None:
            self.erase(user)
            return
        choice = (choices or {}).get(self.name, self.erase_choice.default)
        if choice not in {value for value, _label in self.erase_choice.choices}:
            raise ValueError(f"{self.name}: unknown erasure choice {choice!r}")
        self.erase(user, choice=choice)

    def __post_init__(self) -> None:
        object.__setattr__(self, "labels", tuple(m._meta.label for m in self.models))


_registry: dict[str, PersonalDataProvider] = {}


def user_link_fields(model: type[models.Model]) -> list[models.Field]:
    """The fields of ``model``'s own table that point at the user model."""
    user_model = get_user_model()
    return [
        f
        for f in model._meta.get_fields(include_hidden=True)
        if f.concrete and f.is_relation and f.related_model is user_model and f.model is model
    ]


def _row_values(obj: models.Model, skip: Iterable[str]) -> dict:
    values = {}
    for f in obj._meta.concrete_fields:
        if f.name in skip:
            continue
        values[f.attname] = f.value_from_object(obj)
    return values


def rows_export(model: type[models.Model]) -> ExportFn:
    """An exporter listing ``model``'s rows linked to the user, as plain field values."""
    links = user_link_fields(model)

    def export(user) -> dict:
        query = models.Q()
        for f in links:
            query |= models.Q(**{f.name: user})
        skip = {f.name for f in links}
        return {"records": [_row_values(obj, skip) for obj in model._default_manager.filter(query)]}

    return export


def rows_erase(model: type[models.Model]) -> EraseFn:
    """An eraser deleting ``model``'s rows linked to the user."""
    links = user_link_fields(model)

    def erase(user) -> None:
        query = models.Q()
        for f in links:
            query |= models.Q(**{f.name: user})
        model._default_manager.filter(query).delete()

    return erase


def register(
    model_or_provider: type[models.Model] | PersonalDataProvider,
    *,
    description: str = "",
    name: str = "",
    export: ExportFn | None = None,
    erase: EraseFn | None = None,
    note: str = "",
    staff_only: bool = False,
) -> PersonalDataProvider:
    """Declare personal data. A model gets default export/erase unless callables are given."""
    if isinstance(model_or_provider, PersonalDataProvider):
        provider = model_or_provider
    else:
        model = model_or_provider
        if not user_link_fields(model):
            raise ValueError(f"{model._meta.label} has no link to the user model")
        provider = PersonalDataProvider(
            name=name or model._meta.label_lower,
            description=description or str(model._meta.verbose_name_plural),
            models=(model,),
            export=export or rows_export(model),
            erase=erase or rows_erase(model),
            note=note,
            staff_only=staff_only,
        )
    existing = _registry.get(provider.name)
    if existing is not None and existing is not provider and existing.labels != provider.labels:
        raise ValueError(f"a personal-data provider named {provider.name!r} exists already")
    _registry[provider.name] = provider
    return provider


def providers() -> list[PersonalDataProvider]:
    """Every provider, in registration order (the order erasers run in)."""
    return list(_registry.values())


def erasure_choices_for(user) -> list[PersonalDataProvider]:
    """The providers whose question applies to ``user``, for the delete page."""
    return [p for p in _registry.values() if p.erase_choice and p.erase_choice.applies(user)]


def _holds_any(value) -> bool:
    if isinstance(value, dict):
        return any(_holds_any(item) for item in value.values())
    if isinstance(value, (list, tuple)):
        return any(_holds_any(item) for item in value)
    return value not in (None, "", False, 0)


def providers_for(*, user) -> list[PersonalDataProvider]:
    """The providers to list to ``user`` on *Mijn gegevens*: all of them for staff; for others
    the admin-only ones only when they do hold something about this user."""
    from .selectors import user_is_staff_role

    if user_is_staff_role(user=user):
        return providers()
    return [p for p in providers() if not p.staff_only or _holds_any(p.export(user))]


def covered_models() -> set[str]:
    return {label for provider in _registry.values() for label in provider.labels}


def unregistered_models() -> list[str]:
    """Labels of installed models linked to the user model that no provider covers.

    Proxy models share their concrete model's table, and Django's automatic many-to-many
    tables (user groups and permissions) go with the user row, so neither needs a provider.
    """
    from django.apps import apps

    covered = covered_models()
    missing = []
    for model in apps.get_models():
        if model._meta.proxy or not user_link_fields(model):
            continue
        if model._meta.label not in covered:
            missing.append(model._meta.label)
    return sorted(missing)


def autodiscover() -> None:
    """Import ``<app>.privacy`` for every installed app, so each app's declarations run."""
    autodiscover_modules("privacy")
