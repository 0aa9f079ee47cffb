"""Classifying tables: reading files, value validators, header synonyms, the classifier, piece counting and the seeded sample generator."""
