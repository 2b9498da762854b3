"""Precompressed copies for `invoke publish` (pure: bytes and files; no Pelican)."""

from .compress import COMPRESSIBLE, COPIES, compressible, gzip_bytes, write_copies

__all__ = ["COMPRESSIBLE", "COPIES", "compressible", "gzip_bytes", "write_copies"]
