"""The one error type Newsdesk raises for bad content, data or settings."""


class NewsdeskError(Exception):
    """Bad input: the message names the file (and line, where known) and says what to do."""
