"""`python -m pairing_cli`."""

from .cli import main

main()
