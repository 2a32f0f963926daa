"""Tools for designers and reviewers, built on scoring: spec test cases, compare,
what-if, validation of files and folders, and the starter files of ``init``."""
