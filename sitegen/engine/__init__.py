"""How a build is run: build.py reads top to bottom; load.py, parallel.py, output.py and cache.py hold
what makes it fast (processes, caches), beside the stages rather than inside them."""
