"""Pages of the network: public, the actors' own, rounds, the coordination, the newsletter."""
