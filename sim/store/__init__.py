"""Results folders: the one reader (``load_results`` -> ``Results``) every layer uses, and the
writer of single runs. The sweep writer is ``sim.batch.store``."""

from sim.store.results import Results, load_results

__all__ = ["Results", "load_results"]
