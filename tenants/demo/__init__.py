"""Demo organisations of Treppe 4 (seed 000) with their services in the Wegweiser (seed 004).

Called by ``seed_demo`` with the persona users; idempotent (slugs are stable).
The texts are realistic but invented; addresses and phone numbers are examples.

By subject: ``common`` (shorthands), ``house_tenants`` and ``guests`` (the
organisations) and ``seed`` (writing them).
"""

from tenants.demo.seed import ORGANISATIONS, SERVICE_DEFAULTS, ensure_vocabularies, seed

__all__ = ["ORGANISATIONS", "SERVICE_DEFAULTS", "ensure_vocabularies", "seed"]
