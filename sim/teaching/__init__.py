"""Teaching: deterrence concepts, each shown by a pair of scenarios and a tested claim."""

from sim.teaching.concepts import CONCEPTS, Claim, Concept
from sim.teaching.evidence import Evidence, gather

__all__ = ["CONCEPTS", "Claim", "Concept", "Evidence", "gather"]
