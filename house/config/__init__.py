"""The settings of Hausportal by subject; ``house.settings`` gathers them in order."""
