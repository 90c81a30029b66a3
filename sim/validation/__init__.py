"""Confronting the model with what an expert expects (plausibility) and with what happened
(the 2022-2024 facts and calibration)."""
