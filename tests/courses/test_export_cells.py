"""Trainer exports neutralise formulas even behind invisible characters (issue 16, info)."""

from __future__ import annotations

import pytest

from courses.views.trainer import _safe_cell


@pytest.mark.parametrize(
    "value",
    [
        '=HYPERLINK("http://x")',
        "\u200b=1+1",  # zero-width space
        "\ufeff=1+1",  # byte-order mark
        "  =1+1",
        "\u00a0+31",  # no-break space
        "\u2060@SUM(A1)",  # word joiner
        "\x01-2",
        "\tx",
        "\uff1d1+1",  # fullwidth equals sign
    ],
)
def test_formulas_are_neutralised_behind_invisible_characters(value):
    assert _safe_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["Sanne", "a=b", "", 3, None])
def test_ordinary_values_are_left_alone(value):
    assert _safe_cell(value) == value
