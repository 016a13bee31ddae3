"""core.errors and core.http: one application error, mapped to JSON and to a page once each."""

import pytest
from django import forms
from django.test import RequestFactory

from core.errors import ApplicationError
from core.json_forms import (
    JSONBooleanField,
    JSONListField,
    JSONNumberField,
    JSONTextField,
    json_form_clean,
)
from core.middleware import ApplicationErrorMiddleware
from courses.services import LearningError, NotEnrolled
from search.selectors import SearchInputError


def _raising(error):
    def view(request):
        raise error

    return view


def _through_middleware(path, error):
    request = RequestFactory().get(path)
    middleware = ApplicationErrorMiddleware(_raising(error))
    try:
        return middleware(request)
    except ApplicationError as raised:
        return middleware.process_exception(request, raised)


def test_every_apps_input_error_is_an_application_error():
    assert issubclass(LearningError, ApplicationError)
    assert issubclass(SearchInputError, ApplicationError)
    assert NotEnrolled("Schrijf u eerst in.").status == 403


def test_the_api_gets_json_with_the_message_and_field():
    response = _through_middleware("/api/v1/iets/", LearningError("Te veel.", field="options"))
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.content == b'{"error": "Te veel.", "field": "options"}'


@pytest.mark.django_db
def test_a_page_gets_a_dutch_page_with_the_status_of_the_error():
    response = _through_middleware("/cursussen/1/", NotEnrolled("Schrijf u eerst in."))
    assert response.status_code == 403
    html = response.content.decode()
    assert "Dit kan niet" in html and "Schrijf u eerst in." in html and '<html lang="nl"' in html


def test_other_exceptions_are_left_alone():
    request = RequestFactory().get("/api/v1/iets/")
    assert ApplicationErrorMiddleware(lambda r: None).process_exception(request, KeyError()) is None


class Body(forms.Form):
    count = JSONNumberField(whole=True, required=True, min_value=1, max_value=10)
    share = JSONNumberField()
    done = JSONBooleanField()
    note = JSONTextField(max_length=5)
    items = JSONListField(required=True)


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"items": []}, "count", "'count' ontbreekt."),
        ({"count": "3", "items": []}, "count", "'count' moet een getal zijn."),
        ({"count": True, "items": []}, "count", "'count' moet een getal zijn."),
        ({"count": 2.5, "items": []}, "count", "'count' moet een geheel getal zijn."),
        ({"count": 11, "items": []}, "count", "'count' valt buiten het bereik."),
        ({"count": 2, "share": float("nan"), "items": []}, "share", "'share' moet een getal zijn."),
        ({"count": 2, "done": "false", "items": []}, "done", "'done' moet true of false zijn."),
        ({"count": 2, "note": "a\x00", "items": []}, "note", "'note' moet tekst zijn."),
        ({"count": 2, "note": "zeslang", "items": []}, "note", "'note' is te lang."),
        ({"count": 2, "items": [1]}, "items", "'items' moet een lijst met teksten zijn."),
    ],
)
def test_json_bodies_keep_their_types_and_name_the_first_wrong_field(data, field, message):
    with pytest.raises(ApplicationError) as caught:
        json_form_clean(form_class=Body, data=data)
    assert (caught.value.field, str(caught.value.message)) == (field, message)


def test_a_valid_body_is_cleaned_with_defaults():
    cleaned = json_form_clean(form_class=Body, data={"count": 3.0, "items": ["a"], "extra": 1})
    assert cleaned == {"count": 3, "share": None, "done": False, "note": "", "items": ["a"]}
