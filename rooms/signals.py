"""What the conference centre announces to the apps built on it (the invoices).

``booking_cancelled`` is sent inside the cancelling transaction, after the booking row
holds its cancellation fee (``cancellation_fee``, zero when free or waived), with
``booking`` and ``actor``. A receiver that fails rolls the cancellation back with it.
"""

from __future__ import annotations

from django.dispatch import Signal

booking_cancelled = Signal()
