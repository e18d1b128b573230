"""luoshi (落实): a ledger of what diplomatic dialogues agreed and what was done."""

__version__ = "0.1.0"
