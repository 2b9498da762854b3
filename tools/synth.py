"""Synthetic articles for the benchmark: fixed seed, topical vocabulary, tags and categories."""

from __future__ import annotations

import datetime as dt
import os
import random

# Five practice areas, each with its own vocabulary and tag pool, so text, tags and
# categories all carry signal the way a real firm's blog does.
TOPICS = {
    "Child Abuse Claims": (
        "abuse survivor childhood school care home institution grooming safeguarding "
        "inquiry redress limitation trust disclosure police report therapy harm council "
        "foster residential teacher coach church scouts vicarious liability damages",
        ["child abuse", "institutional abuse", "limitation", "redress", "grooming", "iicsa"]),
    "Sexual Abuse Claims": (
        "assault rape consent criminal injuries compensation scheme cica offender trial "
        "conviction victim statement evidence counselling anonymity court jury "
        "harassment workplace university position trust reporting",
        ["sexual assault", "cica", "criminal injuries", "anonymity", "evidence", "rape"]),
    "Personal Injury": (
        "accident road driver cyclist pedestrian whiplash portal tariff insurer liability "
        "injury fracture rehabilitation workplace employer slip trip fall highway "
        "motorcycle helmet seatbelt collision witness dashcam",
        ["road traffic accidents", "whiplash", "workplace injury", "cycling", "insurance"]),
    "Clinical Negligence": (
        "hospital doctor nurse surgery diagnosis delay consent treatment nhs trust "
        "complaint inquest maternity birth injury cancer sepsis medication gp "
        "expert breach causation candour resolution",
        ["nhs", "misdiagnosis", "birth injuries", "consent", "inquests", "surgical errors"]),
    "Professional Negligence": (
        "solicitor surveyor accountant adviser valuation conveyancing will probate "
        "pension financial advice mortgage report duty retainer ombudsman indemnity "
        "insurer loss chance deadline contract",
        ["solicitor negligence", "surveyors", "financial advice", "wills", "legal ombudsman"]),
}
COMMON = ("claim claims compensation lawyer legal advice time years court case evidence "
          "support family people help process government law change figures report").split()
FILLER = ("the of and to a in that is for it as with was on be by this are or from at an "
          "have not which but they has their were been can will more would if when").split()
SHARED_TAGS = ["compensation", "no win no fee", "statistics", "law change", "guides"]


def _words(rng: random.Random, vocab: list[str], n: int) -> list[str]:
    # Roughly Zipfian: earlier words in each list are more common.
    weights = [1.0 / (i + 1) for i in range(len(vocab))]
    return rng.choices(vocab, weights=weights, k=n)


def _paragraphs(rng: random.Random, topic_words: list[str], total: int) -> str:
    words = []
    for _ in range(total):
        pool = rng.random()
        source = FILLER if pool < 0.55 else topic_words if pool < 0.85 else COMMON
        words.append(rng.choice(source) if source is FILLER else _words(rng, source, 1)[0])
    paras, i = [], 0
    while i < len(words):
        size = rng.randint(40, 110)
        chunk = words[i:i + size]
        paras.append(" ".join(chunk).capitalize() + ".")
        i += size
    return "\n\n".join(paras)


def article(rng: random.Random, index: int, start: dt.date) -> tuple[str, str]:
    """One synthetic article: (slug, Markdown text with a Pelican header)."""
    category = rng.choice(sorted(TOPICS))
    vocab, tags = TOPICS[category]
    topic_words = vocab.split()
    title_words = _words(rng, topic_words, 4)
    slug = f"bench-{index:05d}-" + "-".join(title_words[:3])
    chosen = rng.sample(tags, rng.randint(2, 3)) + rng.sample(SHARED_TAGS, rng.randint(0, 2))
    date = start + dt.timedelta(days=rng.randint(0, 8 * 365), minutes=index)
    body = _paragraphs(rng, topic_words, rng.randint(300, 900))
    summary = " ".join(_words(rng, topic_words + COMMON, 14)).capitalize() + "."
    head = (f"Title: {' '.join(title_words).capitalize()} ({index})\nDate: {date:%Y-%m-%d}\n"
            f"Category: {category}\nTags: {', '.join(chosen)}\nSlug: {slug}\n"
            f"Authors: Bench Team\nSummary: {summary}\n\n")
    return slug, head + body + "\n"


def generate(folder: str, n: int, seed: int = 20261128) -> None:
    """Write `n` synthetic articles into `folder`; the same seed gives the same files."""
    rng = random.Random(seed)
    os.makedirs(folder, exist_ok=True)
    for index in range(n):
        slug, text = article(rng, index, dt.date(2018, 1, 1))
        with open(os.path.join(folder, f"{slug}.md"), "w", encoding="utf-8") as handle:
            handle.write(text)
