"""Writing and reading result tables."""
