"""Allow `python -m kettool`."""

from kettool.cli.app import main

main()
