"""Every block of ours carries a docstring, a description and a preview value, renders its
preview through its own template, and stream blocks build on core's base blocks."""

import importlib
import inspect

import pytest
from wagtail import blocks

from core.blocks import BaseStreamBlock
from courses.blocks import AssessmentStreamBlock, LessonStreamBlock

MODULES = [
    "core.blocks",
    "home.blocks",
    "kennisbank.blocks",
    "courses.blocks",
    "courses.blocks.media",
    "courses.blocks.quiz",
    "courses.blocks.dilemma",
    "courses.blocks.reflection",
]
# Parts that only exist inside another block, rendered by that block's template.
PARTS = {"QuizOptionBlock", "DilemmaChoiceBlock", "DilemmaStepBlock"}


def _our_blocks():
    for name in MODULES:
        module = importlib.import_module(name)
        for _, klass in inspect.getmembers(module, inspect.isclass):
            if klass.__module__ == name and issubclass(klass, blocks.Block):
                yield klass


BLOCKS = list(_our_blocks())
STRUCTS = [klass for klass in BLOCKS if not issubclass(klass, blocks.StreamBlock)]


def test_the_modules_are_found():
    assert len(STRUCTS) >= 20


@pytest.mark.parametrize("klass", BLOCKS, ids=lambda klass: klass.__name__)
def test_every_block_has_a_docstring_and_a_description(klass):
    assert (klass.__doc__ or "").strip()
    assert str(klass().meta.description).strip()


@pytest.mark.django_db
@pytest.mark.parametrize("klass", STRUCTS, ids=lambda klass: klass.__name__)
def test_every_block_previews_through_its_template(klass, homepage):
    block = klass()
    value = block.get_preview_value()
    assert value is not None and any(value.values())
    if klass.__name__ in PARTS:
        return
    assert block.meta.template.startswith("blocks/")
    assert block.render(value).strip() or klass.__name__ == "GuideLinkBlock"


def test_stream_blocks_build_on_the_base_blocks():
    base = set(BaseStreamBlock.base_blocks)
    assert base <= set(LessonStreamBlock.base_blocks)
    assert LessonStreamBlock.base_blocks["paragraph_block"] is not None
    assert set(AssessmentStreamBlock.base_blocks) == {"quiz_question"}
