"""The colours of statuses and lights, and the lights' names: one table for the badges, the
cards and the charts, so that a status has the same colour in a list, on a bar and in its
legend (behind is red everywhere, done green, no data grey)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

LIGHT_NAMES = {"red": _("red"), "yellow": _("yellow"), "green": _("green"), "none": _("no light")}

# Tabler's colour names (badges: ``bg-<name>-lt``) for every status word.
STATUS_COLOUR = {
    "提前实现": "green",
    "快于预期": "teal",
    "基本符合预期": "blue",
    "滞后于进度": "red",
    "暂无数据": "secondary",
    "待上级下达": "purple",
    "定性评价": "azure",
    "已完成": "green",
    "按期推进": "blue",
    "即将到期": "yellow",
    "已逾期": "red",
    "持续推进": "azure",
}

# The same colours as hex for ECharts, which cannot read Tabler's CSS variables.
HEX = {
    "green": "#2fb344",
    "teal": "#0ca678",
    "blue": "#206bc4",
    "red": "#d63939",
    "secondary": "#adb5bd",
    "purple": "#ae3ec9",
    "azure": "#4299e1",
    "yellow": "#f59f00",
}

LIGHT_COLOUR = {"red": "red", "yellow": "yellow", "green": "green", "none": "secondary"}


def status_hex(status: str) -> str:
    return HEX[STATUS_COLOUR.get(status, "secondary")]


def light_hex(light: str) -> str:
    return HEX[LIGHT_COLOUR.get(light, "secondary")]
