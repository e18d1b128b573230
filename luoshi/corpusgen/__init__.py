"""Large realistic corpora from a few seed documents, with known truth.

Pure and seeded: ``generate(templates, count, seed)`` gives the same documents
for the same seed. ``benchmarks/make_corpus.py`` writes them (and truth.jsonl);
``benchmarks/score_corpus.py`` scores luoshi's parse against the truth.
"""

from luoshi.corpusgen.damage import DAMAGE
from luoshi.corpusgen.generate import DAMAGE_KINDS, Generated, Settings, generate, make_one
from luoshi.corpusgen.template import Block, Template, cut

__all__ = ["DAMAGE", "DAMAGE_KINDS", "Block", "Generated", "Settings", "Template", "cut",
           "generate", "make_one"]
