"""The demo district (江州市临江区, invented): data and the seed that builds it.

``lantu.demo.seed.seed_demo`` builds it; ``DEMO_LOGINS`` lists who to sign in as (password
``DEMO_PASSWORD``) and is safe to import before the app registry is ready.
"""

from lantu.demo.people import DEMO_LOGINS, DEMO_PASSWORD, DemoLogin

__all__ = ["DEMO_LOGINS", "DEMO_PASSWORD", "DemoLogin"]
