"""The long-lived preview's pure core: what a change means, and when edits have gone quiet.

The part that drives Pelican is adapter/preview.py; the process (server, watcher, restart)
is tools/preview.py. Nothing here imports Pelican.
"""
