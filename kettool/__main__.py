"""Allow `python -m kettool`."""

from kettool.cli.entry import main

main()
