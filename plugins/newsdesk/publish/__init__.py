"""Precompressed copies for `invoke publish` (pure: bytes and files; no Pelican)."""

from .compress import (COMPRESSIBLE, MIN_BYTES, compress_data, compressible, gzip_bytes,
                       write_copies)

__all__ = ["COMPRESSIBLE", "MIN_BYTES", "compress_data", "compressible", "gzip_bytes",
           "write_copies"]
