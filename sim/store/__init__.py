"""Results folders: the one reader (``load_results`` -> ``Results``) every layer uses. The one
writer is the sweep's (``sim.batch.store``): ``escsim run --out`` writes a sweep of one run."""

from sim.store.results import Results, load_results

__all__ = ["Results", "load_results"]
