"""The command line fixture (``cli``) of tests/cli, for core behaviour checked through it."""

from cli.conftest import cli  # noqa: F401
