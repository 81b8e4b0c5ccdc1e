"""Paragraphs that read as key tasks (重点任务).

A body paragraph under a heading is a task when it begins with an action verb (推进, 实施,
加快 …, after any ``（一）``, ``1.`` or ``——`` in front) or with a bold lead phrase. A
paragraph listing ``一是……二是……三是……`` gives one task per item when every item begins with
an action verb. Decision: such an item's text is the item without its ``一是`` marker and the
separator after it (；，); a whole paragraph is kept exactly as written.
"""

from __future__ import annotations

import re

from lantu.ingest.outline.blocks import Paragraph
from lantu.ingest.outline.model import Task

__all__ = ["ACTION", "find_tasks"]

ACTION = re.compile(
    r"^(?:推进|实施|加快|建设|完善|深化|推动|强化|打造|健全|加强|提升|优化|促进|构建|发展|培育|落实|开展|推行"
    r"|支持|鼓励|引导|实行|探索|创新|深入|全面|大力|积极|持续|着力|聚焦|围绕|依托|建立|提高|扩大|规范|严格"
    r"|坚持|做强|做优|做大|做实|做好|办好|抓好|用好|释放|激发|拓展|引进|引育|集聚|吸引|壮大|稳定|保障|维护"
    r"|防范|化解|统筹|协调|衔接|创建|争创|搭建|布局|谋划|改造|更新|整治|治理|保护|修复|提质|升级|扩容|新建"
    r"|改建|扩建|发挥|营造|弘扬|繁荣|丰富|传承|倡导|推广|普及|加大|降低|减少|缩短|压缩|实现|形成|确保|力争"
    r"|争取|巩固|贯彻|服务|全力|加速|筑牢|织密|守牢|畅通|打响|擦亮|补齐|夯实|用足|盘活|激活|推广|试点|开拓"
    r"|融入|对接|承接|参与|共建|共享|联动|完成|健全|整合|组建|设立|制定|编制|出台|落地|提速|加紧|着眼|立足"
    r"|以)"
)
_MARKER = re.compile(
    r"^(?:[(（][一二三四五六七八九十\d]+[)）]|\d+[.．、]|[一二三四五六七八九十]+[、.．]|[-—–·•]+)\s*"
)
_ITEM = re.compile(r"(?:^|(?<=[。；;，,：:]))\s*([一二三四五六七八九十]是)")


def _split_items(text: str) -> list[str]:
    marks = list(_ITEM.finditer(text))
    expected = "一二三四五六七八九十"
    if len(marks) < 2 or any(m.group(1)[0] != expected[i] for i, m in enumerate(marks)):
        return []
    items = []
    for i, mark in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
        item = text[mark.end() : end].strip().rstrip("；;，,")
        items.append(item)
    if not all(ACTION.match(item) for item in items):
        return []
    return items


def find_tasks(paragraph: Paragraph, index: int, section_number: str) -> list[Task]:
    """The tasks in one body paragraph (block ``index``)."""
    text = paragraph.text.strip()
    if len(text) < 8:
        return []
    items = _split_items(text)
    if items:
        return [Task(section_number, item, block=index, source=text) for item in items]
    body = _MARKER.sub("", text)
    lead = paragraph.bold_lead
    if ACTION.match(body) or (lead and 2 <= len(lead) <= 40 and text.startswith(lead)):
        return [Task(section_number, text, block=index, source=text)]
    return []
