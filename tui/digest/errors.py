"""The one error family the model raises, so callers (the editor, `check`, `fix`)
can catch it and show its plain-words message without a traceback."""


class DigestError(Exception):
    """Base: ``str(err)`` is a one-line reason fit to show a user."""


class PostReadError(DigestError):
    """A post could not be read or decoded (missing, binary, not UTF-8, too big...)."""


class PostWriteError(DigestError):
    """A save failed; the file on disk is untouched."""


class FrontMatterError(DigestError):
    """The front matter does not parse; it is kept raw and never rewritten."""


class ConfigError(DigestError):
    """The config file is wrong; the message names the key and the line."""
