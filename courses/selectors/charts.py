"""Geometry for the trainer's charts, drawn as plain SVG by the templates (no JavaScript).

Each chart has axes a reader can use: dates along the x-axis, a scale with round numbers up
the y-axis. The same figures are always in a table next to the chart.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date

# The drawing area inside the SVG's viewBox (0 0 WIDTH HEIGHT).
WIDTH, HEIGHT = 640, 250
LEFT, RIGHT, TOP, BOTTOM = 60, 610, 30, 200


def nice_ticks(top: int, *, count: int = 4) -> list[int]:
    """0 up to at least ``top`` in round steps (1, 2 or 5 times a power of ten)."""
    top = max(int(top), 1)
    raw = top / count
    magnitude = 10 ** math.floor(math.log10(raw)) if raw >= 1 else 1
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    step = max(int(step), 1)
    return list(range(0, math.ceil(top / step) * step + 1, step))


@dataclass
class Tick:
    position: float
    label: str
    value: object = None


@dataclass
class Chart:
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right: int = RIGHT
    top: int = TOP
    bottom: int = BOTTOM
    y_ticks: list[Tick] = field(default_factory=list)
    x_ticks: list[Tick] = field(default_factory=list)
    points: str = ""
    dots: list[tuple[float, float]] = field(default_factory=list)
    bars: list[dict] = field(default_factory=list)
    y_max: int = 0
    first: date | None = None
    last: date | None = None
    total: int = 0


def _y(value: float, y_max: int) -> float:
    return round(BOTTOM - (BOTTOM - TOP) * value / y_max, 1)


def _y_ticks(y_max_value: int) -> tuple[list[Tick], int]:
    ticks = nice_ticks(y_max_value)
    y_max = ticks[-1]
    return [Tick(position=_y(t, y_max), label=str(t), value=t) for t in ticks], y_max


def completions_chart(completions: list[tuple[date, int, int]], *, x_ticks: int = 5) -> Chart:
    """Cumulative completions over time: ``(day, that day, running total)``, days ascending.

    x is proportional to the date, so a quiet week shows as a flat stretch, not a step.
    """
    if not completions:
        return Chart()
    first, last = completions[0][0], completions[-1][0]
    span = max((last - first).days, 1)

    def x(day: date) -> float:
        if first == last:
            return (LEFT + RIGHT) / 2
        return round(LEFT + (RIGHT - LEFT) * (day - first).days / span, 1)

    y_ticks, y_max = _y_ticks(completions[-1][2])
    dots = [(x(day), _y(total, y_max)) for day, _count, total in completions]
    if first == last:
        tick_days = [first]
    else:
        steps = min(x_ticks - 1, span)
        tick_days = sorted(
            {
                first.fromordinal(first.toordinal() + round(span * i / steps))
                for i in range(steps + 1)
            }
        )
    return Chart(
        y_ticks=y_ticks,
        x_ticks=[Tick(position=x(day), label="", value=day) for day in tick_days],
        points=" ".join(f"{px},{py}" for px, py in dots),
        dots=dots,
        y_max=y_max,
        first=first,
        last=last,
        total=completions[-1][2],
    )


def distribution_chart(distribution: list[tuple[str, int]]) -> Chart:
    """Bars for the learning-gain distribution: ``(bucket label, learners)``, buckets in order."""
    if not distribution:
        return Chart()
    y_ticks, y_max = _y_ticks(max(count for _label, count in distribution))
    slot = (RIGHT - LEFT) / len(distribution)
    # With many bars only every other one is labelled, with its bucket's lower bound, so the
    # labels never run into each other; the table beside the chart names every bucket.
    every = 1 if len(distribution) <= 8 else 2
    width = round(slot * 0.7, 1)
    bars = []
    for i, (label, count) in enumerate(distribution):
        x = round(LEFT + slot * i + (slot - width) / 2, 1)
        y = _y(count, y_max)
        bars.append(
            {
                "x": x,
                "y": y,
                "width": width,
                "height": round(BOTTOM - y, 1),
                "centre": round(x + width / 2, 1),
                "label": label,
                "tick": label.split()[0] if i % every == 0 else "",
                "count": count,
            }
        )
    return Chart(y_ticks=y_ticks, bars=bars, y_max=y_max)
