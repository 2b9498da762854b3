"""Which widths to make of an image, and the srcset and sizes strings that offer them."""

from __future__ import annotations


def choose_widths(source_width: int, widths: list[int]) -> list[int]:
    """The configured widths no wider than the source, plus the source width when it is
    narrower than the widest one (never upscaled), ascending and without repeats."""
    if source_width < 1:
        raise ValueError(f"image width must be positive, got {source_width}")
    chosen = sorted({w for w in widths if 0 < w <= source_width})
    if not chosen or (source_width < max(widths) and source_width not in chosen):
        chosen.append(source_width)
    return sorted(set(chosen))


def scaled_height(width: int, source_width: int, source_height: int) -> int:
    """The height that keeps the source's aspect ratio at `width` (at least 1 pixel)."""
    return max(1, round(source_height * width / source_width))


def srcset(urls_by_width: list[tuple[str, int]]) -> str:
    """`url 320w, url 640w` for a list of (url, width)."""
    return ", ".join(f"{url} {width}w" for url, width in urls_by_width)


def fallback_width(widths: list[int], target: int) -> int:
    """The width of the `src` for browsers without srcset: the smallest at least `target`."""
    wide_enough = [w for w in widths if w >= target]
    return min(wide_enough) if wide_enough else max(widths)
