"""ptarget: a target calculator and checker for Chinese municipal sci-tech plans."""

__version__ = "0.1.0"
