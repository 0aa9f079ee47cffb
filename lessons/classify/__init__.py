"""Classifying tables: reading files, value validators, header synonyms, the classifier, piece counting (with pandas,
or in pure Python for the browser) and the seeded sample generator."""
