"""`invoke bench --images N`: the same articles built without and with N synthetic photos.

Photos are about 3000x2000 (smooth gradients plus noise, so they compress like photographs),
one featured image per article. Measured, each in a fresh process: the build without images,
then with images cold (empty image cache) and warm (cache full, output kept, as livereload).
"""

from __future__ import annotations

import os
import shutil
import time

import numpy as np
from PIL import Image

from tools import synth

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


SIZE = (3000, 2000)


def _grain(rng: np.random.Generator) -> np.ndarray:
    # One grain field, shifted per photo: drawing 18 million normals per photo was most of
    # the set-up time.
    return rng.normal(0, 14, (SIZE[1], SIZE[0], 3)).astype(np.int16)


def photo(rng: np.random.Generator, grain: np.ndarray) -> Image.Image:
    """A synthetic photo: a random colour gradient with grain."""
    width, height = SIZE
    mix = (np.linspace(0, 0.6, width, dtype=np.float32)[None, :]
           + np.linspace(0, 0.4, height, dtype=np.float32)[:, None])[..., None]
    a, b = rng.uniform(0, 255, 3).astype(np.float32), rng.uniform(0, 255, 3).astype(np.float32)
    shifted = np.roll(grain, int(rng.integers(0, width)), axis=1)
    pixels = (a * (1 - mix) + b * mix).astype(np.int16) + shifted
    return Image.fromarray(pixels.clip(0, 255).astype(np.uint8))


def make(folder: str, articles: int, photos: int, seed: int) -> tuple[str, str]:
    """Write the plain and the illustrated copies of the same synthetic articles."""
    plain, illustrated = os.path.join(folder, "plain"), os.path.join(folder, "illustrated")
    synth.generate(plain, articles, seed)
    shutil.copytree(plain, illustrated)
    os.makedirs(os.path.join(illustrated, "images"))
    rng = np.random.default_rng(seed)
    grain = _grain(rng)
    for index, name in enumerate(sorted(os.listdir(plain))[:photos]):
        photo(rng, grain).save(os.path.join(illustrated, "images", f"photo-{index}.jpg"), quality=88)
        path = os.path.join(illustrated, name)
        with open(path, encoding="utf-8") as handle:
            head, body = handle.read().split("\n\n", 1)
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(f"{head}\nImage: images/photo-{index}.jpg\n"
                         f"Image_alt: Synthetic photo {index}\n\n{body}")
    return plain, illustrated


def worker(content: str, output: str, cache: str) -> dict:
    """One build of `content` with the image cache in `cache` (share cards off: no images in
    the plain build means no cards either, and the comparison is about photos)."""
    from tools.build import run_pelican

    started = time.perf_counter()
    run_pelican(os.path.join(ROOT, "pelicanconf.py"), output, content=content,
                overrides={"CACHE_PATH": cache, "IMAGES": {"share_cards": False}})
    return {"seconds": time.perf_counter() - started}
