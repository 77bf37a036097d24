"""Errors the loaders raise for input that cannot be read at all (CLI exit 2).

Row-level problems are never exceptions: they are load findings on the graph.
"""


class WorkbookError(Exception):
    """The input could not be read at all: no such file, not a workbook, bad encoding.

    The message names the file (and sheet, row, column where known) and says what
    to do; the CLI prints it as one line and exits with status 2.
    """


class MissingDependency(WorkbookError):
    """An optional dependency is needed for this input or output."""

    def __init__(self, package: str, extra: str, purpose: str) -> None:
        super().__init__(
            f"{purpose} needs the '{package}' package: pip install 'stratlink[{extra}]'"
        )
