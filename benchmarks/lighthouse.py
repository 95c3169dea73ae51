"""Lighthouse scores of the occupation page at mobile settings (issue 7).

Serves the site the way `make run` does (gunicorn, DEBUG off, whitenoise's compressed static
files) from its own SQLite database in var/lighthouse/, with the demo content, the real
regions and 400 fictitious employers; or measures a site that is already running (--url).
Then runs the pinned Lighthouse (package.json; `npm ci`) in Debian's headless Chromium with
its default mobile settings (a Moto G Power-sized screen, simulated slow 4G and a 4x slower
CPU) and writes the four category scores to benchmarks/results/lighthouse.json, with the
audits that cost points. Exits non-zero when a category of the median run scores below
--min-score (0.95 by default; CI runs it through `make lighthouse`).

    python benchmarks/lighthouse.py            # serve the demo site, measure the reference page
    python benchmarks/lighthouse.py --min-score 0   # only measure
    python benchmarks/lighthouse.py --path /en/yrker/tannhelsesekretaer/ --output …
    python benchmarks/lighthouse.py --url http://127.0.0.1:8000/yrker/tannhelsesekretaer/
"""

import argparse
import json
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
LIGHTHOUSE = BASE_DIR / "node_modules" / ".bin" / "lighthouse"
RESULTS = BASE_DIR / "benchmarks" / "results" / "lighthouse.json"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run "
    "--disable-background-networking --disable-component-update --disable-sync"
)
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
PAGE = "/yrker/tannhelsesekretaer/"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def site_environment(workdir):
    """Everything the site reads that matters here, so that neither a developer's
    var/local.env nor the page cache of a `make run` on the same machine takes part."""
    return {
        **os.environ,
        "LOCAL_ENV_FILE": "",
        "PAGE_CACHE_DIR": str(workdir / "cache"),
        "DEBUG": "false",
        "SECURE_HTTPS": "false",
        "SERVE_MEDIA": "true",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": f"sqlite:///{workdir / 'db.sqlite3'}",
        "MEDIA_ROOT": str(workdir / "media"),
        "STATIC_ROOT": str(workdir / "static"),
    }


def prepare_site(env, cwd=BASE_DIR):
    """Migrate and load the demo site, as `make setup` does, into its own database (with the
    code in `cwd`: benchmarks/page_size.py also builds an older checkout's)."""
    manage = [sys.executable, "manage.py"]
    for command in (
        ["migrate", "--no-input", "--verbosity", "0"],
        ["load_regions"],
        ["load_classifications"],
        ["load_demo_content"],
        ["generate_employers", "--employers", "400"],
        ["collectstatic", "--no-input", "--verbosity", "0"],
    ):
        subprocess.run(manage + command, env=env, cwd=cwd, check=True, stdout=subprocess.DEVNULL)


def wait_for(url, seconds=30):
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.status
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def lighthouse_once(url):
    with tempfile.TemporaryDirectory() as tmp:
        output = Path(tmp) / "report.json"
        result = subprocess.run(
            [
                str(LIGHTHOUSE),
                url,
                "--output=json",
                f"--output-path={output}",
                f"--chrome-flags={CHROME_FLAGS}",
                "--quiet",
            ],
            env={**os.environ, "CHROME_PATH": CHROMIUM},
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode:
            return None, result.stderr.strip()[-2000:]
        return json.loads(output.read_text()), ""


def run_lighthouse(url, runs):
    """The median run by performance score (Lighthouse's own advice for noisy measurements).

    A run whose Chromium fails to start or connect (it happens on a busy machine) is retried."""
    reports = []
    attempts = 0
    while len(reports) < runs:
        attempts += 1
        report, error = lighthouse_once(url)
        if report:
            reports.append(report)
        elif attempts >= runs + 3:
            sys.exit(f"Lighthouse failed:\n{error}")
        else:
            print(f"Lighthouse run failed, trying again:\n{error}", file=sys.stderr)
    reports.sort(key=lambda report: report["categories"]["performance"]["score"] or 0)
    return reports[len(reports) // 2]


def summarise(report):
    categories = report["categories"]
    lost = []
    for category in CATEGORIES:
        for ref in categories[category]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                lost.append(
                    {
                        "category": category,
                        "audit": ref["id"],
                        "title": audit["title"],
                        "score": audit["score"],
                        "value": audit.get("displayValue", ""),
                    }
                )
    metrics = {
        key: report["audits"][key].get("displayValue", "")
        for key in [
            "first-contentful-paint",
            "largest-contentful-paint",
            "total-blocking-time",
            "cumulative-layout-shift",
            "speed-index",
        ]
    }
    return {
        "url": report["finalDisplayedUrl"],
        "lighthouse": report["lighthouseVersion"],
        "chromium": report["environment"]["hostUserAgent"],
        "form_factor": report["configSettings"]["formFactor"],
        "throttling": report["configSettings"]["throttlingMethod"],
        "fetched_at": report["fetchTime"],
        "scores": {c: round(categories[c]["score"] * 100) for c in CATEGORIES},
        "metrics": metrics,
        "audits_below_100": lost,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", help="measure this page of a running site instead")
    parser.add_argument("--path", default=PAGE, help=f"page of the served site (default {PAGE})")
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs; the median is kept")
    parser.add_argument("--output", type=Path, default=RESULTS)
    parser.add_argument(
        "--min-score",
        type=float,
        default=0.95,
        help="fail when a category of the median run scores below this (0–1; default 0.95)",
    )
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        sys.exit(f"Lighthouse is not installed at {LIGHTHOUSE}: run `npm ci` first.")
    if not Path(CHROMIUM).exists():
        sys.exit(f"Chromium is not at {CHROMIUM}: install Debian's chromium or set CHROMIUM_PATH.")

    server = None
    url = args.url
    if not url:
        workdir = BASE_DIR / "var" / "lighthouse"
        workdir.mkdir(parents=True, exist_ok=True)
        env = site_environment(workdir)
        prepare_site(env)
        port = free_port()
        log = (workdir / "gunicorn.log").open("w")
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "careersite.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "2",
            ],
            env=env,
            cwd=BASE_DIR,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        url = f"http://127.0.0.1:{port}{args.path}"
    try:
        wait_for(url)
        report = run_lighthouse(url, args.runs)
        summary = summarise(report)
    finally:
        if server:
            server.terminate()
            server.wait(timeout=10)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n")
    print(
        json.dumps(summary["scores"]),
        "metrics:",
        json.dumps(summary["metrics"], ensure_ascii=False),
    )
    for audit in summary["audits_below_100"]:
        print(f"  {audit['category']}: {audit['audit']} ({audit['score']}) {audit['value']}")
    below = [
        f"{category} {report['categories'][category]['score']:.2f}"
        for category in CATEGORIES
        if (report["categories"][category]["score"] or 0) < args.min_score
    ]
    if below:
        sys.exit(f"Lighthouse: below {args.min_score:.2f} in " + ", ".join(below))
    print(f"Lighthouse: every category at {args.min_score:.2f} or above (median of {args.runs})")


if __name__ == "__main__":
    main()
