"""One access matrix over every URL pattern of the learner area, the trainer area and /api/v1/
that takes an argument (an id, a code, a token).

The routes are found by walking the URL resolver, not listed by hand, so a new route in those
areas fails ``test_every_route_with_an_argument_is_in_the_matrix`` until it gets an entry in
``ROUTES``: how to build its arguments for one learner's data, and which rule holds for it.
Each other actor then requests it, and no answer may hold that learner's name, e-mail address,
certificate name or reflection text. The per-view tests (test_cohorts.py, test_views.py,
test_api.py, test_certificates.py) go deeper; this one is about nothing being forgotten.

The rules:

* ``OWNED``: the argument names the learner's (or their trainer's) own object. Others get a
  401, 403 or 404; anonymous visitors a redirect to the login page (HTML) or a 401 (API); a
  staff user without MFA may also be sent to set MFA up.
* ``SELF``: the argument names content (a lesson, a course) and the view reads or writes only
  the requester's own rows. Any answer below 500 is fine, as long as it holds none of the
  learner's data and changes nothing of theirs; anonymous visitors are sent to log in.
* ``INVITATION``: the argument is the cohort's invitation token; the page it opens is meant
  for whoever has it (after signing in) and shows the cohort, never its members.
* ``PUBLIC``: certificate verification, public by design: whoever has the code sees the
  holder's name, the course, the date and the status, and nothing else.
"""

from __future__ import annotations

import datetime
import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from types import SimpleNamespace

import pytest
from allauth.mfa.models import Authenticator
from django.db.models import Model
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from accounts.roles import TRAINERS
from accounts.services import personal_data_export, profile_update
from courses.services import (
    assessment_submit,
    certificate_issue,
    cohort_create,
    cohort_join,
    dilemma_choice_record,
    enrolment_create,
    lesson_progress_record,
    question_answer,
    reflection_note_save,
)
from tests.factories import UserFactory

from .factories import course_with_lessons, dilemma, question, reflection

pytestmark = pytest.mark.django_db

# The learner area, the trainer area and the JSON API; every route of the courses app counts
# too, wherever it is mounted.
AREA_PREFIXES = ("leren/", "mijn-leeromgeving/", "groep/", "certificaat/", "trainer/", "api/v1/")
AREA_NAMESPACES = ("courses",)

OWNED, SELF, INVITATION, PUBLIC = "owned", "self", "invitation", "public"
GET, POST = "GET", "POST"


@dataclass(frozen=True)
class Route:
    method: str
    kwargs: Callable[[SimpleNamespace], dict]
    rule: str
    api: bool = False


ROUTES: dict[str, Route] = {
    "courses:verify": Route(GET, lambda w: {"code": w.certificate.code}, PUBLIC),
    "courses:enrol": Route(POST, lambda w: {"course_id": w.course.pk}, SELF),
    "courses:test": Route(GET, lambda w: {"course_id": w.course.pk, "kind": "pre"}, SELF),
    "courses:test_result": Route(
        GET,
        lambda w: {"course_id": w.course.pk, "kind": "pre", "token": w.pre_attempt.token},
        OWNED,
    ),
    "courses:certificate_issue": Route(POST, lambda w: {"course_id": w.course.pk}, SELF),
    "courses:certificate_download": Route(GET, lambda w: {"code": w.certificate.code}, OWNED),
    "courses:answer": Route(POST, lambda w: {"lesson_id": w.lesson.pk, "question_id": "q1"}, SELF),
    "courses:dilemma": Route(
        POST,
        lambda w: {"lesson_id": w.lesson.pk, "dilemma_id": "d1", "step_id": "d1-s1"},
        SELF,
    ),
    "courses:reflection": Route(
        POST, lambda w: {"lesson_id": w.lesson.pk, "prompt_id": "r1"}, SELF
    ),
    "courses:complete": Route(POST, lambda w: {"lesson_id": w.lesson.pk}, SELF),
    "courses:trainer_cohort": Route(GET, lambda w: {"cohort_id": w.cohort.pk}, OWNED),
    "courses:trainer_export": Route(
        GET, lambda w: {"cohort_id": w.cohort.pk, "kind": "matrix", "fmt": "csv"}, OWNED
    ),
    "courses:trainer_remind": Route(POST, lambda w: {"cohort_id": w.cohort.pk}, OWNED),
    "courses:cohort_join": Route(GET, lambda w: {"token": w.cohort.invite_token}, INVITATION),
    "courses:cohort_leave": Route(POST, lambda w: {"cohort_id": w.cohort.pk}, OWNED),
    "courses:cohort_reminders": Route(POST, lambda w: {"cohort_id": w.cohort.pk}, OWNED),
    "courses:api_progress_detail": Route(GET, lambda w: {"lesson_id": w.lesson.pk}, SELF, api=True),
}

ACTORS = ["anonymous", "other_learner", "other_trainer", "staff_without_mfa"]


def _routes_with_arguments(patterns=None, prefix="", namespace="", has_args=False):
    """(route, full name, takes arguments) for every URL pattern, includes followed."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        args = has_args or bool(pattern.pattern.regex.groups)
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from _routes_with_arguments(pattern.url_patterns, route, inner, args)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
            yield route.lstrip("^"), name, args


def _in_scope():
    found = {}
    for route, name, takes_arguments in _routes_with_arguments():
        namespace = (name or "").partition(":")[0] if ":" in (name or "") else ""
        in_area = route.startswith(AREA_PREFIXES) or namespace in AREA_NAMESPACES
        if in_area and takes_arguments:
            found[name or f"<unnamed: {route}>"] = route
    return found


def test_every_route_with_an_argument_is_in_the_matrix():
    found = _in_scope()
    unmapped = sorted(set(found) - set(ROUTES))
    assert unmapped == [], (
        "Routes with learner data that the access matrix does not cover; add them to ROUTES: "
        + ", ".join(f"{name} ({found[name]})" for name in unmapped)
    )
    stale = sorted(set(ROUTES) - set(found))
    assert stale == [], f"ROUTES names routes that no longer exist: {stale}"


# --- One learner's data, and the people who must not see it ------------------------------------

SECRET_REFLECTION = "REFLECTIE-7F3A-VAN-DE-EIGENAAR"


@pytest.fixture(scope="module")
def shared_world(module_db):
    """The learner's data, built once for the module; each test gets fresh copies (``world``)."""
    with module_db():
        return _build_world()


@pytest.fixture
def world(db, shared_world):
    """Every object of ``shared_world`` re-read from the database: a test that changes one
    (a login sets ``last_login``) cannot hand the change to the next test."""
    fresh = {
        name: type(value)._default_manager.get(pk=value.pk) if isinstance(value, Model) else value
        for name, value in vars(shared_world).items()
    }
    return SimpleNamespace(**fresh)


def _build_world() -> SimpleNamespace:
    course = course_with_lessons(
        lessons=1,
        body=[question("q1"), dilemma("d1"), reflection("r1")],
        final_test=[question("f1")],
        pre_test_mode="same",
    )
    lesson = course.get_children().specific().get()
    trainer = UserFactory(groups=[TRAINERS], totp=True)
    cohort = cohort_create(
        trainer=trainer,
        name="Wijkteam Oost",
        courses=[course],
        start_date=datetime.date.today(),
        end_date=datetime.date.today() + datetime.timedelta(days=60),
    )
    owner = UserFactory(
        first_name="Wendelmoet",
        last_name="Brouwersgracht",
        email="wendelmoet.brouwersgracht@voorbeeld.test",
    )
    profile_update(user=owner, display_name="Wendeltje-Uniek")
    cohort_join(user=owner, cohort=cohort, consent=True)
    enrolment_create(user=owner, course=course)
    pre_attempt = assessment_submit(
        user=owner, course=course, kind="pre", token=str(uuid.uuid4()), answers={"f1": ["f1-b"]}
    )
    question_answer(user=owner, lesson=lesson, question_id="q1", selected=["q1-a"])
    dilemma_choice_record(
        user=owner, lesson=lesson, dilemma_id="d1", step_id="d1-s1", choice_id="d1-s1-goed"
    )
    reflection_note_save(user=owner, lesson=lesson, prompt_id="r1", text=SECRET_REFLECTION)
    lesson_progress_record(user=owner, lesson=lesson, reached_end=True)
    assessment_submit(
        user=owner, course=course, kind="final", token=str(uuid.uuid4()), answers={"f1": ["f1-a"]}
    )
    certificate = certificate_issue(user=owner, course=course, holder_name="Wendelmoet B. Zijl")
    return SimpleNamespace(
        course=course,
        lesson=lesson,
        trainer=trainer,
        cohort=cohort,
        owner=owner,
        pre_attempt=pre_attempt,
        certificate=certificate,
        secrets=[
            owner.email,
            owner.first_name,
            owner.last_name,
            "Wendeltje-Uniek",
            certificate.holder_name,
            SECRET_REFLECTION,
        ],
    )


def _sign_in_as(client, actor: str, world) -> None:
    if actor == "anonymous":
        return
    if actor == "other_learner":
        client.force_login(UserFactory())
    elif actor == "other_trainer":
        client.force_login(UserFactory(groups=[TRAINERS], totp=True))
    elif actor == "staff_without_mfa":
        # The cohort's own trainer, without an authenticator app: MFA stands before the data.
        Authenticator.objects.filter(user=world.trainer).delete()
        client.force_login(world.trainer)


def _owner_snapshot(owner) -> str:
    data = personal_data_export(user=owner)
    data.pop("generated_at")
    return json.dumps(data, sort_keys=True, default=str)


def _problem(route: Route, actor: str, response) -> str | None:
    status = response.status_code
    location = response.get("Location", "")
    if status >= 500:
        return f"server error {status}"
    if actor == "anonymous" and route.rule != PUBLIC:
        if route.api:
            return None if status == 401 else f"expected 401, got {status}"
        if status == 302 and location.startswith("/account/login/"):
            return None
        return f"expected a redirect to the login page, got {status} {location}"
    if route.rule == OWNED:
        if status in (401, 403, 404):
            return None
        if actor == "staff_without_mfa" and status == 302 and "/2fa/totp/activate/" in location:
            return None
        return f"expected 401/403/404, got {status} {location}"
    if route.rule in (INVITATION, PUBLIC) and status != 200:
        return f"expected the page meant for anyone with the link, got {status}"
    return None


@pytest.mark.parametrize("actor", ACTORS)
def test_nobody_else_reaches_a_learners_data(client, world, actor):
    before = _owner_snapshot(world.owner)
    _sign_in_as(client, actor, world)
    problems = []
    for name, route in sorted(ROUTES.items()):
        url = reverse(name, kwargs=route.kwargs(world))
        response = client.get(url) if route.method == GET else client.post(url, {})
        problem = _problem(route, actor, response)
        if problem:
            problems.append(f"{route.method} {url} ({name}): {problem}")
        text = response.content.decode(errors="replace") + response.get("Location", "")
        # Certificate verification shows the holder's name by design; nothing else of theirs.
        holder = world.certificate.holder_name
        allowed = {s for s in world.secrets if s in holder} if route.rule == PUBLIC else set()
        leaked = [secret for secret in world.secrets if secret in text and secret not in allowed]
        if leaked:
            problems.append(f"{route.method} {url} ({name}): shows {leaked}")
    assert problems == []
    assert _owner_snapshot(world.owner) == before, "another actor changed the learner's data"


def test_the_matrix_sees_the_data_it_guards(client, world):
    """The owner does see their own data where it is shown, so the checks above can fail."""
    client.force_login(world.owner)
    result = reverse("courses:test_result", kwargs=ROUTES["courses:test_result"].kwargs(world))
    assert client.get(result).status_code == 200
    pdf = client.get(reverse("courses:certificate_download", args=[world.certificate.code]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    lesson_html = client.get(world.lesson.url).content.decode()
    assert SECRET_REFLECTION in lesson_html
    verify = client.get(reverse("courses:verify", args=[world.certificate.code]))
    assert world.certificate.holder_name in verify.content.decode()
