"""Models of the area; see docs/architecture.md for the shape of an app."""
