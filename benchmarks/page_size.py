"""The occupation page's and /bedrifter/'s size on the wire, with and without the county map.

Builds the demo site as `make run` does (benchmarks/lighthouse.py's prepare_site: the real
regions, the demo occupations, 400 fictitious employers) in a temporary SQLite database, asks
for each page through Django's test client, and records its size raw, gzipped (level 6) and
with Brotli (quality 5 and 11), and the county map's own part of it. With --before REF the same
is measured for an older commit (checked out in a temporary git worktree), e.g. the commit
before the map, and both go into benchmarks/results/page_size.txt.

    python benchmarks/page_size.py --before 3fb900e
"""

import argparse
import gzip
import json
import subprocess
import sys
import tempfile
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

from benchmarks.lighthouse import prepare_site, site_environment  # noqa: E402

RESULTS = BASE_DIR / "benchmarks" / "results" / "page_size.txt"
PAGES = [
    "/yrker/tannhelsesekretaer/",
    "/yrker/elektriker/",
    "/bedrifter/",
    "/bedrifter/?yrke=tannhelsesekretaer",
]
MAP_START, MAP_END = '<div class="county-map"', "</table>"


def sizes(body):
    import brotli

    return {
        "raw": len(body),
        "gzip": len(gzip.compress(body, compresslevel=6)),
        "br5": len(brotli.compress(body, quality=5)),
        "br11": len(brotli.compress(body, quality=11)),
    }


def measure():
    """Child mode: run inside the site's environment, print {page: sizes} as JSON."""
    sys.path.insert(0, str(Path.cwd()))  # the checkout being measured, not this one
    import django

    django.setup()
    from django.test import Client

    client = Client(SERVER_NAME="localhost")
    found = {}
    for path in PAGES:
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        body = response.content
        found[path] = {"page": sizes(body)}
        start = body.find(MAP_START.encode())
        if start >= 0:
            end = body.index(MAP_END.encode(), start) + len(MAP_END)
            found[path]["map"] = sizes(body[start:end])
    print(json.dumps(found))


def measure_checkout(code_dir, workdir):
    env = {**site_environment(workdir), "DJANGO_SETTINGS_MODULE": "careersite.settings"}
    env["PYTHONPATH"] = str(code_dir)
    prepare_site(env, cwd=code_dir)
    result = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--measure"],
        env=env,
        cwd=code_dir,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def table(label, found):
    lines = [
        f"## {label}",
        "",
        "| page | raw bytes | gzip -6 | brotli 5 | brotli 11 | map part: raw / gzip / br 11 |",
        "|---|---|---|---|---|---|",
    ]
    for path, parts in found.items():
        page = parts["page"]
        part = parts.get("map")
        map_text = f"{part['raw']} / {part['gzip']} / {part['br11']}" if part else "–"
        lines.append(
            f"| {path} | {page['raw']} | {page['gzip']} | {page['br5']} | {page['br11']} "
            f"| {map_text} |"
        )
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--before", help="a git commit to measure too, e.g. the one before")
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args()
    if args.measure:
        measure()
        return
    sections = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        if args.before:
            checkout = tmp / "before"
            subprocess.run(
                ["git", "worktree", "add", "--detach", "--quiet", str(checkout), args.before],
                cwd=BASE_DIR,
                check=True,
            )
            try:
                (tmp / "site-before").mkdir()
                before = measure_checkout(checkout, tmp / "site-before")
            finally:
                subprocess.run(
                    ["git", "worktree", "remove", "--force", str(checkout)],
                    cwd=BASE_DIR,
                    check=True,
                )
            sections.append(table(f"Before: commit {args.before}", before))
        (tmp / "site").mkdir()
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=BASE_DIR, capture_output=True, text=True
        ).stdout.strip()
        sections.append(
            table(f"After: this checkout ({head})", measure_checkout(BASE_DIR, tmp / "site"))
        )
    text = (
        "Page sizes in bytes (benchmarks/page_size.py): the demo site with 400 fictitious "
        "employers, each page as an anonymous visitor gets it.\n\n" + "\n\n".join(sections) + "\n"
    )
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
