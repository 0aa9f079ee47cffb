"""Course content: bilingual texts, statute clauses, the taxonomy and the lesson list, read from data/."""
