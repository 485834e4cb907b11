"""Every ``gongkai`` command, in a module of its own named after it. Each module defines ``HELP``
(its line in ``gongkai --help``), ``DESCRIPTION`` (the text of its own ``--help``),
``add_arguments(parser, site_args)`` (site_args adds --root and --today) and ``run(args) -> int``;
generator.cli finds them here (``import.py`` too: it is only ever loaded by name, never with an
``import`` statement). Raise ``generator.cli.UsageError`` for bad arguments (exit 2)."""

ORDER = ("check", "build", "serve", "explain", "schema", "init", "new", "status", "import")
"""The order ``gongkai --help`` lists them in; a command not named here comes last."""
