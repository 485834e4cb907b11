"""Commands in modules of their own. Each module named after its command defines
``add_parser(subparsers, site_args)`` (site_args adds --root and --today) and ``run(args) -> int``;
generator.cli finds them here. Raise ``generator.cli.UsageError`` for bad arguments (exit 2)."""
