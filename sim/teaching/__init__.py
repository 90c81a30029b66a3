"""Teaching: lessons that each isolate one mechanism of deterrence or escalation.

``sim.teaching.lessons`` holds the lessons (cheap to import: the dashboard reads it),
``sim.teaching.metrics`` the measures their claims are stated in, ``sim.teaching.evidence``
runs them and tests the claims, ``sim.teaching.figure`` draws them.
"""
