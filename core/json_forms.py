"""Django forms for JSON bodies: the API validates what it is sent the same way pages do.

Django's own fields coerce strings ("1" becomes 1, "false" becomes False), which is right for
HTML forms and wrong for JSON, where the type is part of the contract. These fields check the
JSON type and then the value. :func:`json_form_clean` turns the first problem into an
``ApplicationError`` naming the field, which the site maps to a 400 answer once (``core.http``).
"""

from __future__ import annotations

import math

from django import forms
from django.utils.translation import gettext_lazy as _

from .errors import ApplicationError


class JSONField(forms.Field):
    """Base: a missing required value is named like every other problem."""

    default_error_messages = {"required": _("'%(name)s' ontbreekt.")}


class JSONNumberField(JSONField):
    """A JSON number (not a boolean, not a string), finite, optionally whole and in a range."""

    def __init__(self, *, whole: bool = False, min_value=None, max_value=None, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.whole, self.min_value, self.max_value = whole, min_value, max_value

    def to_python(self, value):
        if value is None:
            return None
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
        ):
            raise forms.ValidationError(_("'%(name)s' moet een getal zijn."), code="type")
        if self.whole and value != int(value):
            raise forms.ValidationError(_("'%(name)s' moet een geheel getal zijn."), code="whole")
        value = int(value) if self.whole else float(value)
        if (self.min_value is not None and value < self.min_value) or (
            self.max_value is not None and value > self.max_value
        ):
            raise forms.ValidationError(_("'%(name)s' valt buiten het bereik."), code="range")
        return value


class JSONBooleanField(JSONField):
    """``true`` or ``false``; missing means ``false``."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_python(self, value):
        if value is None:
            return False
        if not isinstance(value, bool):
            raise forms.ValidationError(_("'%(name)s' moet true of false zijn."), code="type")
        return value

    def validate(self, value):  # False is a value, not a missing one
        pass


class JSONTextField(JSONField):
    """A JSON string without NUL characters; missing means ``""`` unless required."""

    def __init__(self, *, max_length: int = 200, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.max_length = max_length

    def to_python(self, value):
        if value is None:
            return ""
        if not isinstance(value, str) or "\x00" in value:
            raise forms.ValidationError(_("'%(name)s' moet tekst zijn."), code="type")
        if len(value) > self.max_length:
            raise forms.ValidationError(_("'%(name)s' is te lang."), code="length")
        return value


class JSONListField(JSONField):
    """A JSON list of strings."""

    def to_python(self, value):
        if value is None:
            return None
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise forms.ValidationError(
                _("'%(name)s' moet een lijst met teksten zijn."), code="type"
            )
        return value


def json_form_clean(*, form_class: type[forms.Form], data: dict) -> dict:
    """The cleaned data of ``form_class`` for a JSON object, or an ``ApplicationError`` naming
    the first field that is wrong (in the form's field order)."""
    form = form_class(data={name: data.get(name) for name in form_class.base_fields})
    if form.is_valid():
        return form.cleaned_data
    for name in form_class.base_fields:
        if name in form.errors:
            message = form.errors[name][0]
            raise ApplicationError(str(message) % {"name": name}, field=name)
    raise ApplicationError(form.non_field_errors()[0])
