"""Pages of the conference centre: public room pages, the reception desk, tenants' requests."""
