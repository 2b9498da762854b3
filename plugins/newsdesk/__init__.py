"""Newsdesk: related articles, calls to action and contact details for every article."""

from .adapter import register

__all__ = ["register"]
