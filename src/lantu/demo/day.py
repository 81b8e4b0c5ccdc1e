"""The demo's day: 2026 is reported up to the third quarter, whose deadline has just passed
with some units in its grace period. Safe to import from settings (no Django)."""

import datetime as dt

DEMO_DAY = dt.date(2026, 11, 25)
