"""Django's format names (``DATE_FORMAT``, ``SHORT_DATE_FORMAT``…) in the portal's languages.

Django's own English formats are American (``11/30/2026``, ``Nov. 30, 2026``); the
portal writes English dates day first, as :mod:`house.formats` names them. Both
languages take Django's names from there, so that ``{{ value|date }}``, the
administration and form errors agree with every other page. What is not named
here (numbers, the first day of the week) stays Django's.
"""
