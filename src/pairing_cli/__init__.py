"""pairing: the cited figures of the Fujian–Ningxia pairing-up program, from a terminal."""

__version__ = "0.1.0"
