"""Command-line commands, one module per group; each registers itself on ``app``."""
