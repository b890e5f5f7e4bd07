"""One issue file on its own: read, parse, complete and enrich it (step.py runs it all for one file).

Pure per file, so the engine runs it on every core and keeps its result in the cache."""
