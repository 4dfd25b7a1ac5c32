"""One error hierarchy; every message says what happened and what to do next."""


class EnablerError(Exception):
    """Base for errors a user can act on. The CLI prints the message and exits 1."""


class NotFound(EnablerError):
    """Something named by the user does not exist."""


class InvalidInput(EnablerError):
    """Input that cannot be used as given (bad value, malformed file)."""


class Conflict(EnablerError):
    """The change clashes with the current state (duplicate, concurrent edit)."""


class RenderError(EnablerError):
    """A module could not be rendered (template error, unsafe template)."""


class ExportFailed(EnablerError):
    """Writing an output file failed; the previous file, if any, is intact."""


class SchemaTooNew(EnablerError):
    """The database was written by a newer version of Enabler."""
