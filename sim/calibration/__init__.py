"""Simulation-based calibration: ABC-SMC (pyabc) of chosen rules to the stylised facts of a
hindcast, the posterior it writes, posterior predictive checks and posterior draws for sweeps."""
