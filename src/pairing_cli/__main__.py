"""`python -m pairing_cli`."""

from .entry import main

main()
