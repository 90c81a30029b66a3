"""Teaching: lessons that each isolate one mechanism of deterrence or escalation.

``lessons`` holds the registry (cheap to import: the dashboard's lesson mode reads it),
``metrics`` the measures the claims are stated in, ``arms`` loads a lesson's scenarios (with a
knock-out) and lists how two scenarios differ, ``record`` runs an arm as one batch, ``stats``
holds the paired tests, ``evidence`` runs a lesson and tests its claims, ``figure`` draws it and
``guide`` writes docs/teaching.md.
"""
