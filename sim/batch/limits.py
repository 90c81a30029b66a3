"""The sanity limits of a sweep, in one place (docs/sweeps.md lists them). Each is checked
before anything is started or written, with a message that names the limit."""

#: Planned runs above which a sweep must be confirmed (``max_runs=None``, ``--yes``).
MAX_RUNS = 1_000_000
#: Run ids, replicates and samples are stored as int64.
MAX_RUN_ID = 2**62
#: Root seeds are stored as int64.
MAX_SEED = 2**63 - 1
#: Most design points of one scenario: points are held in memory and drawn at once.
MAX_POINTS = 1_000_000
#: Most worker processes per core: more only costs memory and start-up time.
WORKERS_PER_CORE = 4
#: Seconds one run may take in a worker before the worker is taken for hung (``--timeout``).
DEFAULT_RUN_TIMEOUT = 300.0
