"""`invoke bench --import-only`: time `invoke import-wordpress` on a synthetic 1,000-post export."""

from __future__ import annotations

import os
import random
import shutil
import tempfile
import time
from xml.sax.saxutils import escape

from tools.build import ROOT

WORDS = ("claim compensation injury negligence court limitation evidence hospital care "
         "solicitor damages abuse survivor inquiry report law time records").split()
CTA = ("If you have been injured and would like to speak to one of our specialist lawyers in "
       "confidence, please contact us. Our team can be contacted free on 0800 9555 094 or you "
       "can request a call back.")


def _post(rng: random.Random, n: int) -> str:
    paras = "\n\n".join(" ".join(rng.choice(WORDS) for _ in range(60)) for _ in range(8))
    content = (f"{paras}\n\n<h2>More</h2>\n<ul><li>one</li><li>two</li></ul>\n\n{CTA}\n\n"
               '<h3>Related Blog Articles</h3><ul><li><a href="/a/">A</a></li></ul>')
    return (f"<item><title>Post {n}</title><link>https://old.example/p{n}/</link>"
            f"<dc:creator>a</dc:creator><content:encoded>{escape(content)}</content:encoded>"
            f"<excerpt:encoded></excerpt:encoded><wp:post_id>{n}</wp:post_id>"
            f"<wp:post_date_gmt>2020-01-01 10:00:00</wp:post_date_gmt>"
            f"<wp:post_name>post-{n}</wp:post_name><wp:status>publish</wp:status>"
            f"<wp:post_type>post</wp:post_type>"
            f'<category domain="category" nicename="pi">Personal Injury</category></item>')


def synthetic_export(path: str, count: int, seed: int) -> None:
    """Write a WXR export of `count` posts, each ending with a CTA and a related list."""
    rng = random.Random(seed)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
                     'xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" '
                     'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
                     'xmlns:dc="http://purl.org/dc/elements/1.1/" '
                     'xmlns:wp="http://wordpress.org/export/1.2/"><channel>'
                     "<link>https://old.example</link><wp:wxr_version>1.2</wp:wxr_version>")
        handle.writelines(_post(rng, n) for n in range(1, count + 1))
        handle.write("</channel></rss>\n")


def run(count: int = 1000, seed: int = 20261202) -> dict:
    """Import `count` synthetic posts into a copy of content/; return seconds and counts."""
    from tools import import_wordpress

    with tempfile.TemporaryDirectory() as tmp:
        export = os.path.join(tmp, "export.xml")
        synthetic_export(export, count, seed)
        content = os.path.join(tmp, "content")
        shutil.copytree(os.path.join(ROOT, "content"), content)
        started = time.perf_counter()
        report = import_wordpress.run(export, None, content, False, os.path.join(tmp, "r.md"))
        seconds = time.perf_counter() - started
    return {"posts": report.counts["posts"], "ctas_stripped": report.counts["cta"],
            "related_stripped": report.counts["related"], "seconds": round(seconds, 2)}
