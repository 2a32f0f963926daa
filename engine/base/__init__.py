"""The base every stage stands on: exact numbers, errors with positions, trace steps,
and atomic output files. It imports nothing else of the engine."""
