"""Errors that the CLI turns into one line on stderr.

Example:
    >>> raise UsageError("no such path: x (give a file or folder that exists)")
    Traceback (most recent call last):
    ...
    claimx.errors.UsageError: no such path: x (give a file or folder that exists)
"""


class ClaimxError(Exception):
    """Base class of claimx's own errors; the message is meant for the user."""


class UsageError(ClaimxError):
    """Unusable arguments: the CLI prints the message and exits with status 2."""


class ArticleError(ClaimxError):
    """One article cannot be read or processed; batch lists it and goes on."""
