"""The version of stratlink (a leaf module: the package, the CLI and the report read it)."""

__version__ = "0.1.0"
