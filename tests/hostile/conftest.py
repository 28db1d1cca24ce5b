"""The command line fixture (``cli``) of tests/cli, for the hostile cases run through it."""

from cli.conftest import cli  # noqa: F401
