"""A bad-input corpus, generated (no binary files are committed): see make_corpus.py."""
