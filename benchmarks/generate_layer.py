"""Writes a synthetic knowledge-base layer of N techniques, for the scale benchmark.

    python benchmarks/generate_layer.py 10000 /tmp/layer-10k

The layer is a folder of YAML files of at most 1,000 techniques each; every entry is valid
against the schema, so `spasmguide --kb FOLDER` loads it over the shipped knowledge base.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

WORDS = (
    "muscle fascia tension spasm circulation needle pressure warmth release knot band trigger "
    "shoulder neck back hip thigh calf stretch mobility rhythm breath posture fatigue recovery "
    "gentle deep slow sustained kneading rolling pressing scraping suction balance energy"
).split()
CATEGORIES = ("acupuncture", "manual therapy", "self-care")
PER_FILE = 1000


def sentence(rng: random.Random, length: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(length)).capitalize() + "."


def technique(number: int, rng: random.Random) -> str:
    def items(count: int) -> str:
        return "".join(f"      - {sentence(rng, 7)}\n" for _ in range(count))

    return (
        f"  - id: synthetic-{number:05d}\n"
        f"    name: Synthetic technique {number:05d}\n"
        f"    aliases: [synthetic {number}]\n"
        f"    category: {rng.choice(CATEGORIES)}\n"
        "    invasiveness: touch\n"
        f"    summary: {sentence(rng, 14)}\n"
        f"    how_it_works:\n{items(2)}"
        f"    benefits:\n{items(2)}"
        f"    often_used_for:\n{items(2)}"
        f"    session: {sentence(rng, 16)}\n"
        f"    cautions:\n{items(2)}"
        f"    related: [cupping, tui-na]\n"
        f"    sources: [article]\n"
    )


def write_layer(count: int, folder: Path, seed: int = 7) -> list[Path]:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for start in range(0, count, PER_FILE):
        path = folder / f"synthetic-{start // PER_FILE:03d}.yaml"
        body = "".join(
            technique(number, rng) for number in range(start + 1, min(count, start + PER_FILE) + 1)
        )
        path.write_text("techniques:\n" + body, encoding="utf-8")
        written.append(path)
    return written


def main() -> None:
    if len(sys.argv) != 3:
        sys.exit("usage: generate_layer.py COUNT FOLDER")
    paths = write_layer(int(sys.argv[1]), Path(sys.argv[2]))
    print(f"wrote {sys.argv[1]} techniques in {len(paths)} files under {sys.argv[2]}")


if __name__ == "__main__":
    main()
