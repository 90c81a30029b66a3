"""Teaching: deterrence concepts, each shown by a pair of scenarios and a tested claim.

``sim.teaching.concepts`` holds the concepts (cheap to import); ``sim.teaching.evidence`` runs
them and ``sim.teaching.figure`` draws them.
"""
