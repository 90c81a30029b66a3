"""Confronting the model with what happened: measures on a batch of runs and stylised facts."""
