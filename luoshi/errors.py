"""Errors that are the user's input's fault, reported as one line, never a traceback."""

from __future__ import annotations


class InputError(Exception):
    """A document could not be read: ``str(err)`` is ``'<where>: <problem>'``."""

    def __init__(self, where: str, problem: str) -> None:
        super().__init__(f"{where}: {problem}")
        self.where = where
        self.problem = problem
