"""The day the system works on.

Every "today" (deadlines, grace periods, warnings, the dashboards' 截至) comes from here: the
date in Beijing time, unless ``LANTU_TODAY`` pins a demo or training copy to one day, so that
the demo district shows the same picture whenever it is opened. Production refuses the pin.
Timestamps (``timezone.now()``) are never pinned: they record when things really happened.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone


def today() -> dt.date:
    pinned: dt.date | None = settings.LANTU_TODAY
    return pinned or timezone.localdate()
