"""Seed a cohort with learners and their progress: a small demo, or a large one for benchmarks.

    manage.py seed_cohort --demo                     # make run: demo trainer, 8 learners
    manage.py seed_cohort --learners 5000 --lessons 30   # scale test of the trainer dashboard

Learners are written with bulk inserts (one statement per table and batch), so 5,000 learners
with 30 lessons each take seconds, not minutes. Demo accounts exist only with DEBUG on.
"""

from __future__ import annotations

import datetime
import random
import uuid

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from accounts.roles import TRAINERS
from courses.models import (
    Cohort,
    CohortMembership,
    CoursePage,
    Enrolment,
    LessonPage,
    LessonProgress,
    Provider,
    QuestionResponse,
    TestAttempt,
)
from courses.services import cohort_create, course_index_page_ensure

DEMO_TRAINER = "trainer@weerbaar.test"
DEMO_PASSWORD = "weerbaar-demo-2026"  # noqa: S105 - development-only demo account, documented
DEMO_NAMES = ["Anouk", "Bram", "Chaima", "Daan", "Esra", "Floor", "Gijs", "Hiba"]


class Command(BaseCommand):
    help = "Maakt een groep met deelnemers en voortgang (demo of voor een schaaltest)."

    def add_arguments(self, parser):
        parser.add_argument("--demo", action="store_true", help="Demotrainer en 8 deelnemers.")
        parser.add_argument("--learners", type=int, default=0)
        parser.add_argument("--lessons", type=int, default=30)
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, demo: bool, learners: int, lessons: int, seed: int, **options):
        rng = random.Random(seed)
        if demo:
            if not settings.DEBUG:
                raise CommandError("--demo maakt demo-accounts en werkt alleen met DEBUG aan.")
            self._demo(rng)
            return
        if learners < 1 or not 1 <= lessons <= 200:
            raise CommandError("--learners moet minstens 1 zijn en --lessons tussen 1 en 200.")
        cohort = self._scale(rng, learners=learners, lessons=lessons)
        self.stdout.write(f"groep {cohort.pk}: {learners} deelnemers, {lessons} lessen")

    # --- demo ------------------------------------------------------------------------------------

    @transaction.atomic
    def _demo(self, rng: random.Random) -> None:
        course = CoursePage.objects.filter(slug="basistraining-signaleren").first()
        if course is None:
            raise CommandError("De democursus ontbreekt: voer eerst import_courses uit.")
        if Cohort.objects.filter(name="Docenten Noord (demo)").exists():
            self.stdout.write("democursusgroep bestaat al")
            return
        User = get_user_model()
        trainer, created = User.objects.get_or_create(
            username="demo-trainer",
            defaults={"email": DEMO_TRAINER, "first_name": "Tamara", "last_name": "Trainer"},
        )
        if created:
            trainer.set_password(DEMO_PASSWORD)
            trainer.save()
            EmailAddress.objects.create(
                user=trainer, email=DEMO_TRAINER, verified=True, primary=True
            )
        trainer.groups.add(Group.objects.get(name=TRAINERS))
        today = timezone.localdate()
        cohort = cohort_create(
            trainer=trainer,
            name="Docenten Noord (demo)",
            organisation="Scholengroep Noord",
            courses=[course],
            start_date=today - datetime.timedelta(days=30),
            end_date=today + datetime.timedelta(days=60),
        )
        people = self._learners(
            [f"demo-deelnemer-{n}" for n in range(len(DEMO_NAMES))], names=DEMO_NAMES
        )
        # Six of eight finish, so the demo shows learning gain and item analysis (5+ learners).
        self._fill(rng, cohort=cohort, course=course, people=people, active_days=30, finish_first=6)
        self.stdout.write(
            f"demogroep '{cohort.name}' (code {cohort.join_code}) met {len(people)} deelnemers; "
            f"trainer {DEMO_TRAINER} / {DEMO_PASSWORD}"
        )

    # --- scale -----------------------------------------------------------------------------------

    @transaction.atomic
    def _scale(self, rng: random.Random, *, learners: int, lessons: int) -> Cohort:
        index = course_index_page_ensure()
        provider, _created = Provider.objects.get_or_create(
            key="schaaltest", defaults={"name": "Schaaltest"}
        )
        tag = uuid.uuid4().hex[:6]
        course = CoursePage(
            title=f"Schaaltest {tag}",
            slug=f"schaaltest-{tag}",
            summary="Cursus voor een schaaltest.",
            provider=provider,
            duration_minutes=lessons * 10,
            certificate_title="Schaaltest",
        )
        index.add_child(instance=course)
        question = {
            "type": "quiz_question",
            "id": "vraag",
            "value": {
                "question": "Wat doet u?",
                "multiple": False,
                "explanation": "",
                "options": [
                    {"type": "item", "id": "goed", "value": {"text": "Overleggen", "correct": True, "feedback": ""}},
                    {"type": "item", "id": "fout", "value": {"text": "Niets", "correct": False, "feedback": ""}},
                ],
            },
        }  # fmt: skip
        for number in range(1, lessons + 1):
            course.add_child(
                instance=LessonPage(title=f"Les {number}", slug=f"les-{number}", body=[question])
            )
        trainer = get_user_model().objects.filter(groups__name=TRAINERS).first()
        if trainer is None:
            trainer = get_user_model().objects.create_user(
                username=f"schaaltrainer-{tag}", email=f"schaaltrainer-{tag}@example.test"
            )
            trainer.groups.add(Group.objects.get(name=TRAINERS))
        today = timezone.localdate()
        cohort = cohort_create(
            trainer=trainer,
            name=f"Schaaltest {tag}",
            courses=[course],
            start_date=today - datetime.timedelta(days=90),
            end_date=today + datetime.timedelta(days=90),
        )
        people = self._learners([f"schaal-{tag}-{n}" for n in range(learners)])
        self._fill(rng, cohort=cohort, course=course, people=people, active_days=90)
        return cohort

    # --- shared ----------------------------------------------------------------------------------

    def _learners(self, usernames: list[str], names: list[str] | None = None) -> list:
        User = get_user_model()
        password = make_password(None)  # unusable: these accounts cannot sign in
        users = [
            User(
                username=username,
                email=f"{username}@example.test",
                first_name=(names[i] if names else ""),
                password=password,
            )
            for i, username in enumerate(usernames)
        ]
        User.objects.bulk_create(users, batch_size=1000)
        return list(User.objects.filter(username__in=usernames).order_by("pk"))

    def _fill(
        self, rng, *, cohort, course, people, active_days: int, finish_first: int = 0
    ) -> None:
        now = timezone.now()
        lessons = list(LessonPage.objects.child_of(course).live().order_by("path"))
        question_ids = {lesson.pk: lesson.question_ids() for lesson in lessons}
        # For each question, the option a right and a wrong first answer picks (read once).
        picks = {}
        for lesson in lessons:
            for block in lesson.body:
                if block.block_type == "quiz_question":
                    options = list(block.value["options"].bound_blocks)
                    for correct in (True, False):
                        chosen = [o.id for o in options if o.value["correct"] == correct][:1]
                        picks[(lesson.pk, block.id, correct)] = chosen or [options[0].id]
        pre_questions = list(course.pre_test_questions or [])
        final_questions = list(course.final_test or [])
        memberships, enrolments, progress, responses, attempts = [], [], [], [], []
        for number, person in enumerate(people):
            memberships.append(CohortMembership(cohort=cohort, user=person, consented_at=now))
            done = len(lessons) if number < finish_first else rng.randint(0, len(lessons))
            last = now - datetime.timedelta(days=rng.randint(0, active_days))
            finished = number < finish_first or (done == len(lessons) and rng.random() < 0.8)
            enrolments.append(
                Enrolment(
                    user=person,
                    course=course,
                    enrolled_at=last - datetime.timedelta(days=3),
                    last_activity_at=last,
                    completed_at=last if finished else None,
                )
            )
            if pre_questions:
                score = rng.randint(1, len(pre_questions)) / len(pre_questions)
                attempts.append(
                    self._attempt(person, course, "pre", score, len(pre_questions), last)
                )
            if finished and final_questions:
                score = rng.randint(len(final_questions) // 2, len(final_questions)) / len(
                    final_questions
                )
                attempts.append(
                    self._attempt(person, course, "final", score, len(final_questions), last)
                )
            for position, lesson in enumerate(lessons[: done + 1]):
                complete = position < done
                progress.append(
                    LessonProgress(
                        user=person,
                        lesson=lesson,
                        course=course,
                        progress=1.0 if complete else 0.4,
                        reached_end=complete,
                        first_completed_at=last if complete else None,
                        updated_at=last,
                    )
                )
                for question_id in question_ids[lesson.pk] if complete else []:
                    correct = rng.random() < 0.75
                    answer = {"schema_version": 1, "selected": []}
                    block = next(b for b in lesson.body if b.id == question_id)
                    options = list(block.value["options"].bound_blocks)
                    chosen = [o.id for o in options if o.value["correct"] == correct][:1] or [
                        options[0].id
                    ]
                    answer["selected"] = chosen
                    responses.append(
                        QuestionResponse(
                            user=person, lesson=lesson, question_id=question_id, answer=answer,
                            first_answer=answer, is_correct=correct, first_is_correct=correct,
                        )
                    )  # fmt: skip
        CohortMembership.objects.bulk_create(memberships, batch_size=2000)
        Enrolment.objects.bulk_create(enrolments, batch_size=2000)
        LessonProgress.objects.bulk_create(progress, batch_size=5000)
        QuestionResponse.objects.bulk_create(responses, batch_size=5000)
        TestAttempt.objects.bulk_create(attempts, batch_size=2000)

    def _attempt(self, person, course, kind, score, count, when):
        return TestAttempt(
            user=person,
            course=course,
            kind=kind,
            token=uuid.uuid4(),
            answers={"schema_version": 1, "questions": {}},
            correct_count=round(score * count),
            question_count=count,
            score=score,
            passed=kind == "final" and score * 100 >= course.pass_mark,
            submitted_at=when,
        )
