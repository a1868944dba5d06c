"""Pages of the Social Lab, by who uses them: the public, founders, reviewers, mentors, staff."""
