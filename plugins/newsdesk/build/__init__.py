"""Build in several processes: each renders and writes a share of the outputs (see workers)."""

from .workers import (LoggedMessages, ShareError, Shares, can_fork, owner, run_shares,
                      worker_count)

__all__ = ["LoggedMessages", "ShareError", "Shares", "can_fork", "owner", "run_shares",
           "worker_count"]
