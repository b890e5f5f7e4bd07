"""sitegen: static archive sites for Beijing district newspapers."""

__version__ = "0.1.0"
