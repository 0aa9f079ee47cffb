"""Rules as code for Criminal Law Article 253-1 and the 2017 Interpretation (法释〔2017〕10号).

Domain code only (no widgets): ``assess(Facts(...))`` returns an ``Assessment`` whose ``steps``
cite the clause each rule implements.
"""
from lessons.engine.assess import assess
from lessons.engine.facts import Facts, Pieces
from lessons.engine.result import Assessment, Comparison, Step

__all__ = ["assess", "Facts", "Pieces", "Assessment", "Step", "Comparison"]
