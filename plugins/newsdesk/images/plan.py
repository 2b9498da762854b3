"""Plan one source image: the Picture the theme shows and the files the build must write."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field

from .cache import SourceFacts, variant_key
from .process import FORMATS
from .sizes import choose_widths, fallback_width, scaled_height, srcset

# AVIF first: a browser takes the first <source> whose type it supports.
MODERN_ORDER = ("avif", "webp")


@dataclass(frozen=True)
class Variant:
    """One file to write: the source at `width` x `height` in `fmt`, saved as `out_rel`."""

    fmt: str
    width: int
    height: int
    quality: int
    key: str
    out_rel: str


@dataclass
class SourceJob:
    """All the variants of one source file, made from one decode."""

    path: str
    facts: SourceFacts
    variants: dict[str, Variant] = field(default_factory=dict)

    def add(self, variant: Variant) -> None:
        """Add a variant (two pictures of one source share their files)."""
        self.variants.setdefault(variant.out_rel, variant)


@dataclass(frozen=True)
class Picture:
    """What the theme needs to write a <picture>: every URL made, the size, the sizes rule."""

    src: str
    srcset: str
    type: str
    sources: tuple[tuple[str, str], ...]  # (MIME type, srcset), best format first
    sizes: str
    width: int
    height: int
    largest: str  # URL of the widest own-format file (for og:image and links)


def _quality(fmt: str, config: dict) -> int:
    return int(config.get(f"{fmt}_quality", 0)) if fmt in ("jpeg", "webp", "avif") else 0


def variant(job: SourceJob, fmt: str, width: int, config: dict, out_dir: str) -> Variant:
    """The variant of `job`'s source at `width` in `fmt`, named by its cache key."""
    facts = job.facts
    height = scaled_height(width, facts.width, facts.height)
    quality = _quality(fmt, config)
    key = variant_key(facts.sha, fmt, width, height, quality)
    stem = posixpath.splitext(posixpath.basename(job.path))[0]
    ext = "jpg" if fmt == "jpeg" else fmt
    return Variant(fmt, width, height, quality, key,
                   posixpath.join(out_dir, f"{stem}-{width}.{key[:10]}.{ext}"))


def picture(job: SourceJob, own_fmt: str, widths: list[int], sizes: str, config: dict,
            siteurl: str) -> Picture:
    """Plan a <picture> of `job`'s source at `widths` (capped at its width); adds the variants."""
    out_dir = config["output_path"].strip("/")
    chosen = choose_widths(job.facts.width, widths)
    by_fmt: dict[str, list[Variant]] = {}
    for fmt in [f for f in MODERN_ORDER if f in config["formats"] and f != own_fmt] + [own_fmt]:
        by_fmt[fmt] = [variant(job, fmt, w, config, out_dir) for w in chosen]
        for v in by_fmt[fmt]:
            job.add(v)

    def _set(fmt: str) -> str:
        return srcset([(f"{siteurl}/{v.out_rel}", v.width) for v in by_fmt[fmt]])

    own = by_fmt[own_fmt]
    fallback = next(v for v in own if v.width == fallback_width(chosen, 800))
    widest = own[-1]
    return Picture(src=f"{siteurl}/{fallback.out_rel}", srcset=_set(own_fmt),
                   type=FORMATS[own_fmt][1],
                   sources=tuple((FORMATS[f][1], _set(f)) for f in by_fmt if f != own_fmt),
                   sizes=sizes, width=widest.width, height=widest.height,
                   largest=f"{siteurl}/{widest.out_rel}")
