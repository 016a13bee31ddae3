"""What an interactive block needs from the lesson page it is rendered in."""

from __future__ import annotations


def _interactive_page(context):
    """The lesson page when the block is rendered inside one (not in an editor's block preview),
    so a preview shows a block as written and never reads or shuffles for a learner."""
    page = context.get("page")
    return page if getattr(page, "pk", None) and context.get("id") else None


def _for_block(context, name: str):
    """This block's entry in a per-lesson mapping the lesson page put in the context."""
    return (context.get(name) or {}).get(context.get("id") or "")
