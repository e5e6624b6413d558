"""User-facing errors: each carries one line that names the problem and what to do."""


class PaperdiveError(Exception):
    """An expected failure the CLI reports as one line, without a traceback."""


class IngestError(PaperdiveError):
    pass


class WriteError(PaperdiveError):
    pass


class LLMError(PaperdiveError):
    pass


class VoiceError(PaperdiveError):
    pass


class PublishError(PaperdiveError):
    pass


class ConfigError(PaperdiveError):
    pass
