"""Throughput and latency over HTTP at national scale (issue 14, part 5): wrk against gunicorn
(the project's gunicorn.conf.py) on PostgreSQL, with the page cache in Redis, every ratio from
one run on one machine.

Needs the data set from national_data.py, Redis on 127.0.0.1:6379 (database 11, emptied) and
Debian's wrk and haproxy (for the benchmark only: `apt-get install wrk haproxy`).

    .venv/bin/python benchmarks/load.py [--seconds 15] [--connections 16] [--repeat 3]

For each case two wrk runs: one connection (latency: median and 95th percentile, as one
visitor sees it) and --connections connections (throughput, requests per second). Uncached
cases add a parameter the views ignore, different for every request, so the page cache never
answers (each miss is also stored, as on a real miss). The static file is the cached
occupation page's own bytes, served by WhiteNoise from the same instance.
"""

import argparse
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import redis
import requests
from setup_django import ROOT, setup

REDIS_URL = "redis://127.0.0.1:6379/11"
STATIC_NAME = "benchmark/occupation.html"
PASSWORD = "benchmark-only-password-123"

LUA = """
local counter = 0
local threads = 0
setup = function(thread)
  threads = threads + 1
  thread:set("id", threads)
end
request = function()
  counter = counter + 1
  local path = wrk.path
  if os.getenv("UNCACHED") == "1" then
    local sep = string.find(path, "?", 1, true) and "&" or "?"
    path = path .. sep .. "r=" .. tostring(id) .. "-" .. counter .. "-" .. os.time()
  end
  return wrk.format(nil, path)
end
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout
  io.write(string.format("RESULT %d %.1f %.2f %.2f %d\\n", summary.requests,
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
    latency:percentile(95) / 1000, errors))
end
"""


def instance_environment(url, run_dir, static_root):
    return {
        **os.environ,
        "LOCAL_ENV_FILE": "",
        "DATABASE_URL": url,
        "REDIS_URL": REDIS_URL,
        "DEBUG": "false",
        "SECURE_HTTPS": "false",
        "SECRET_KEY": "benchmark-only-not-secret",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "STATIC_ROOT": str(static_root),
        "GUNICORN_RUN_DIR": str(run_dir),
        "LOG_LEVEL": "WARNING",
    }


class Instance:
    def __init__(self, port, environment):
        self.port = port
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "careersite.wsgi", "--bind", f"127.0.0.1:{port}"],
            cwd=ROOT,
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 60
        while True:
            try:
                if requests.get(f"http://127.0.0.1:{port}/healthz", timeout=10).ok:
                    return
            except requests.RequestException:
                pass
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"gunicorn on port {port} did not start")
            time.sleep(0.3)

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)


def settle(instances):
    """Wait until every instance has answered /healthz quickly twice, a second apart: requests
    a run left queued (16 connections of the admin list leave many seconds of work) would
    slow the next run."""
    deadline = time.monotonic() + 120
    quick = 0
    while quick < 2 and time.monotonic() < deadline:
        started = time.monotonic()
        for instance in instances:
            for _ in range(3):
                requests.get(f"http://127.0.0.1:{instance.port}/healthz", timeout=60)
        quick = quick + 1 if time.monotonic() - started < 0.1 else 0
        time.sleep(1)


def wrk(url, seconds, connections, script, uncached=False, cookie=None):
    command = ["wrk", "-t", str(min(2, connections)), "-c", str(connections)]
    command += ["-d", f"{seconds}s", "-s", script, "--timeout", "10s"]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    environment = {**os.environ, "UNCACHED": "1" if uncached else "0"}
    output = subprocess.run(
        [*command, url], capture_output=True, text=True, env=environment, check=True
    ).stdout
    found = re.search(r"RESULT (\d+) ([\d.]+) ([\d.]+) ([\d.]+) (\d+)", output)
    total, rate, median, p95, errors = found.groups()
    return {
        "requests": int(total),
        "rate": float(rate),
        "median": float(median),
        "p95": float(p95),
        "errors": int(errors),
    }


def largest_occupation():
    from django.db.models import Count

    from occupations.models import Occupation

    return (
        Occupation.objects.published()
        .annotate(employers=Count("employer_rows"))
        .order_by("-employers")
        .values_list("slug", "title", "employers")
        .first()
    )


def staff_session(base):
    """A logged-in superuser's session cookie, for the admin's job-title mapping list."""
    from django.contrib.auth import get_user_model

    user, _created = get_user_model().objects.get_or_create(
        username="benchmark", defaults={"is_staff": True, "is_superuser": True}
    )
    user.set_password(PASSWORD)
    user.save()
    browser = requests.Session()
    browser.get(f"{base}/admin/login/")
    browser.post(
        f"{base}/admin/login/",
        data={
            "username": "benchmark",
            "password": PASSWORD,
            "csrfmiddlewaretoken": browser.cookies["csrftoken"],
        },
    )
    return "; ".join(f"{name}={value}" for name, value in browser.cookies.items())


def haproxy(port, backends, directory):
    config = Path(directory) / "haproxy.cfg"
    servers = "\n".join(f"  server s{n} 127.0.0.1:{p}" for n, p in enumerate(backends))
    config.write_text(
        "global\n  maxconn 2000\n"
        "defaults\n  mode http\n  timeout connect 5s\n  timeout client 30s\n"
        "  timeout server 30s\n  option http-keep-alive\n"
        f"frontend site\n  bind 127.0.0.1:{port}\n  default_backend app\n"
        f"backend app\n  balance roundrobin\n{servers}\n"
    )
    return subprocess.Popen(["haproxy", "-db", "-f", str(config)], stdout=subprocess.DEVNULL)


def main(seconds, connections, repeat):
    for tool in ("wrk", "haproxy"):
        if not shutil.which(tool):
            sys.exit(f"{tool} is not installed (apt-get install wrk haproxy)")
    url = setup()
    from django.conf import settings
    from django.test import Client

    settings.ALLOWED_HOSTS.append("127.0.0.1")  # the page as the instances serve it

    redis.Redis.from_url(REDIS_URL).flushdb()
    slug, title, employers = largest_occupation()
    occupation = f"/yrker/{slug}/"
    with tempfile.TemporaryDirectory() as directory:
        static_root = Path(directory) / "static"
        environment = instance_environment(url, Path(directory), static_root)
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--no-input", "-v", "0"],
            cwd=ROOT,
            env=environment,
            check=True,
        )
        page = Client(HTTP_HOST="127.0.0.1").get(occupation).content
        (static_root / STATIC_NAME).parent.mkdir(parents=True, exist_ok=True)
        (static_root / STATIC_NAME).write_bytes(page)
        script = str(Path(directory) / "bench.lua")
        Path(script).write_text(LUA)

        first = Instance(18101, environment)
        try:
            second = Instance(18102, environment)
        except RuntimeError:
            first.stop()
            raise
        balancer = haproxy(18100, [18101, 18102], directory)
        try:
            base = "http://127.0.0.1:18101"
            requests.get(f"{base}{occupation}")  # cached from here on
            cookie = staff_session(base)
            cases = [
                ("static file, same bytes (WhiteNoise)", f"/static/{STATIC_NAME}", False, None),
                ("/healthz", "/healthz", False, None),
                ("occupation page, cached", occupation, False, None),
                ("occupation page, uncached", occupation, True, None),
                ("/bedrifter/, uncached", "/bedrifter/", True, None),
                ("/bedrifter/?fylke=03 (Oslo), uncached", "/bedrifter/?fylke=03", True, None),
                ("/bedrifter/?q=bakeri, uncached", "/bedrifter/?q=bakeri", True, None),
                ("/sok/?q=tannhelse, uncached", "/sok/?q=tannhelse", True, None),
                (
                    "admin: job-title mapping list",
                    "/admin/classifications/jobtitle/",
                    False,
                    cookie,
                ),
            ]
            balanced = f"http://127.0.0.1:18100{occupation}"
            requests.get(balanced)  # cached under the balancer's address too
            results = []
            for name, path, uncached, session in cases:
                settle([first, second])
                one = wrk(base + path, seconds, 1, script, uncached, session)
                settle([first, second])
                many = wrk(base + path, seconds, connections, script, uncached, session)
                results.append((name, one, many))
            # The throughput ratios vary from run to run on a shared 2-core machine: more rounds
            # of their four cases, alternating, and the median ratio of all rounds.
            rounds = [{name: many["rate"] for name, _one, many in results[:4]}]
            for _ in range(repeat - 1):
                rates = {}
                for name, path, uncached, session in cases[:4]:
                    settle([first, second])
                    rates[name] = wrk(base + path, seconds, connections, script, uncached, session)[
                        "rate"
                    ]
                rounds.append(rates)
            settle([first, second])
            two = wrk(balanced, seconds, connections, script, False, None)
        finally:
            balancer.terminate()
            first.stop()
            second.stop()
    occupation_facts = (slug, title, employers, len(page))
    report(url, seconds, connections, occupation_facts, results, rounds, two)


def ratios(rounds, part, whole):
    values = sorted(rates[part] / rates[whole] for rates in rounds)
    shown = ", ".join(f"{rates[part] / rates[whole]:.2f}" for rates in rounds)
    return values[len(values) // 2], shown


def report(url, seconds, connections, occupation, results, rounds, two):
    slug, title, employers, size = occupation
    rate = {name: many["rate"] for name, _one, many in results}
    lines = [
        f"Date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC; machine: {os.cpu_count()} cores, "
        f"{platform.machine()}, Python {platform.python_version()}; "
        f"database {url.rsplit('/', 1)[1]}",
        f"wrk, {seconds} s per run; latency with 1 connection, throughput with {connections} "
        "connections (2 wrk threads on the same machine); gunicorn.conf.py defaults "
        f"({os.cpu_count() * 2 + 1} sync workers per instance); page cache in Redis.",
        f"Occupation: «{title}» ({slug}), {employers} employers, page {size} bytes.",
        "",
        f"| case | median ms (1 conn.) | p95 ms (1 conn.) | req/s ({connections} conn.) | errors |",
        "|---|---|---|---|---|",
    ]
    for name, one, many in results:
        lines.append(
            f"| {name} | {one['median']:.1f} | {one['p95']:.1f} | {many['rate']:.0f} "
            f"| {one['errors'] + many['errors']} |"
        )
    static, healthz = "static file, same bytes (WhiteNoise)", "/healthz"
    cached, uncached = "occupation page, cached", "occupation page, uncached"
    cached_ratio, cached_rounds = ratios(rounds, cached, static)
    uncached_ratio, uncached_rounds = ratios(rounds, uncached, healthz)
    lines += [
        "",
        f"Cached page / static file: {cached_ratio:.2f}, the median of {len(rounds)} rounds "
        f"({cached_rounds}) (target ≥ 0.60)",
        f"Uncached page / /healthz: {uncached_ratio:.2f}, the median of {len(rounds)} rounds "
        f"({uncached_rounds}) (target ≥ 0.50)",
        f"Two instances behind haproxy, cached page: {two['rate']:.0f} req/s, "
        f"{two['rate'] / rate[cached]:.2f} × one instance ({two['errors']} errors)",
    ]
    text = "\n".join(lines) + "\n"
    print(text)
    (ROOT / "benchmarks" / "results" / "load.txt").write_text(text)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--repeat", type=int, default=3, help="rounds of the ratio cases")
    arguments = parser.parse_args()
    main(arguments.seconds, arguments.connections, arguments.repeat)
