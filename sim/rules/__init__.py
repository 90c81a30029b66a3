"""The rules of the model, each a small module of pure functions or classes."""
