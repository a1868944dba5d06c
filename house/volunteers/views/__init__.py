"""Pages of the volunteer area: public (``public``), the volunteer's (``volunteer``) and
the coordination's (``coordination``)."""
