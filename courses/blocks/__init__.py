"""Blocks for lessons: teaching text and media, quiz questions, case dilemmas and reflection.

Quiz questions and dilemma choices are identified by the ids Wagtail gives every stream and list
item, never by their position: an author who reorders options must not change which option a
learner chose last month.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from core.blocks import BaseStreamBlock

from .dilemma import CaseDilemmaBlock, DilemmaChoiceBlock, DilemmaStepBlock
from .media import AudioBlock, GuideLinkBlock, LessonImageBlock, VideoBlock
from .quiz import QuizOptionBlock, QuizQuestionBlock
from .reflection import ReflectionPromptBlock


class LessonStreamBlock(BaseStreamBlock):
    """Everything a lesson can contain: the base blocks every page has (headings, text, callouts)
    and the lesson's own media, questions, dilemmas and reflection."""

    image_block = LessonImageBlock()
    video_block = VideoBlock()
    audio_block = AudioBlock()
    quiz_question = QuizQuestionBlock()
    case_dilemma = CaseDilemmaBlock()
    reflection_prompt = ReflectionPromptBlock()
    guide_link = GuideLinkBlock()

    class Meta:
        description = _("De inhoud van een les: tekst, media, vragen, casussen en reflectie.")


class AssessmentStreamBlock(blocks.StreamBlock):
    """The questions of a pre-test or final test."""

    quiz_question = QuizQuestionBlock()

    class Meta:
        description = _("De vragen van een voor- of eindtoets.")


__all__ = [
    "AssessmentStreamBlock",
    "AudioBlock",
    "CaseDilemmaBlock",
    "DilemmaChoiceBlock",
    "DilemmaStepBlock",
    "GuideLinkBlock",
    "LessonImageBlock",
    "LessonStreamBlock",
    "QuizOptionBlock",
    "QuizQuestionBlock",
    "ReflectionPromptBlock",
    "VideoBlock",
]
