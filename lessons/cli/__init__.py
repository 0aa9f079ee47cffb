"""The console commands of ``pi-lessons`` (= ``python -m lessons``)."""
