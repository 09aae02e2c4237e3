"""Benchmark: the authenticated home page against a bare Django view, under concurrent load.

Run from the repository root (``make bench`` does this)::

    .venv/bin/python bench/bench_home_page.py [--seconds 10] [--concurrency 8]

What it does:

1. Makes a throwaway SQLite database in a temporary directory, migrates it and creates one
   active municipality with a team and a user holding a professional membership.
2. Starts gunicorn (settings ``bench.settings``) on a free port on 127.0.0.1.
3. Logs every client in through the real login form (one session per client, as real users).
4. For the bare view ``/bench/bare/`` (no session) and the home page ``/`` (logged in): a
   warm-up, then N client threads, each with its own keep-alive connection, request the page
   as fast as they can for a fixed time. Prints requests/s, p50 and p95 latency per page and
   the ratio home/bare of requests/s.
5. Stops gunicorn (always) and appends a row to bench/RESULTS.md.

The load generator runs on the same machine and takes CPU from the server; the figures are
for comparing runs on one machine and the home page with the bare view, not absolute limits.
Only the standard library is used on the client side. Loopback only.
"""

import argparse
import contextlib
import datetime
import http.client
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path

from throwaway import (  # bench/throwaway.py (bench/ is on the path)
    RESULTS,
    BenchError,
    append_row,
    cpu_model,
    git_commit,
    manage,
)

REPO = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"
SECTION = "## Home page under concurrent load (bench_home_page.py)"
ORGANISATION_NAME = "Gemeente Benchmarkstad"
USERNAME_PREFIX = "bench.professional"
BARE_PATH = "/bench/bare/"
HOME_PATH = "/"
LOGIN_PATH = "/inloggen/"
# Upper bound of requests per client thread per phase, so a loop can never run away.
MAX_REQUESTS_PER_CLIENT = 1_000_000
REQUEST_TIMEOUT = 30.0

# Run inside `manage.py shell -c` against the throwaway database.
SETUP_CODE = """
import os
from doorbraak.core.models import Membership, Organisation, Team, User
from doorbraak.core.roles import Role

organisation = Organisation.objects.create(
    type="gemeente", cbs_code="GM0599", name=os.environ["BENCH_ORGANISATION"], active=True,
)
team = Team.objects.create(organisation=organisation, name="Schuldhulp")
for index in range(int(os.environ["BENCH_USERS"])):
    user = User.objects.create_user(
        username=f"{os.environ['BENCH_USERNAME_PREFIX']}{index}",
        password=os.environ["BENCH_PASSWORD"], first_name="Bench", last_name=f"Client {index}",
    )
    Membership.objects.create(
        user=user, organisation=organisation, team=team, role=Role.PROFESSIONAL, active=True,
    )
print("users:", User.objects.count())
"""


# --- the server ----------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def start_gunicorn(env: dict, port: int, workers: int, threads: int, log_path: Path):
    log = open(log_path, "wb")  # noqa: SIM115 - closed in stop_gunicorn
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "doorbraak.config.wsgi:application",
        "--pythonpath",
        f"{REPO / 'src'},{REPO}",
        "--bind",
        f"{HOST}:{port}",
        "--workers",
        str(workers),
        "--threads",
        str(threads),
        "--graceful-timeout",
        "10",
        "--log-level",
        "warning",
    ]
    process = subprocess.Popen(command, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT)
    process.bench_log = log
    return process


def wait_until_up(process, port: int, log_path: Path, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise BenchError(f"gunicorn exited with {process.returncode}:\n{tail(log_path)}")
        conn = http.client.HTTPConnection(HOST, port, timeout=2)
        try:
            conn.request("GET", BARE_PATH)
            response = conn.getresponse()
            response.read()
            if response.status == 200:
                return
        except OSError:
            pass
        finally:
            conn.close()
        time.sleep(0.2)
    raise BenchError(f"gunicorn did not answer within {timeout:.0f} s:\n{tail(log_path)}")


def stop_gunicorn(process) -> None:
    if process is None:
        return
    try:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)
    finally:
        process.bench_log.close()


def tail(path: Path, lines: int = 40) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


# --- logging in ----------------------------------------------------------------------------


class Browser:
    """Just enough of a browser for the login form: one connection, a cookie jar, redirects."""

    def __init__(self, port: int):
        self.port = port
        self.conn = http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT)
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body: str | None = None, headers=None):
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = self.cookie_header()
        self.conn.request(method, path, body=body, headers=headers)
        response = self.conn.getresponse()
        content = response.read().decode("utf-8", errors="replace")
        for value in response.headers.get_all("Set-Cookie") or []:
            jar = SimpleCookie()
            jar.load(value)
            for name, morsel in jar.items():
                if morsel["max-age"] == "0" or morsel.value == "":
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return response, content

    def follow(self, response, content, limit: int = 5):
        path = None
        for _ in range(limit):
            if response.status not in (301, 302, 303, 307, 308):
                return response, content, path
            location = response.headers["Location"]
            path = urllib.parse.urlsplit(
                urllib.parse.urljoin(f"http://{HOST}:{self.port}/", location)
            )
            path = path.path + (f"?{path.query}" if path.query else "")
            response, content = self.request("GET", path)
        raise BenchError(f"more than {limit} redirects after logging in")

    def cookie_header(self) -> str:
        return "; ".join(f"{name}={value}" for name, value in self.cookies.items())

    def close(self):
        self.conn.close()


def log_in(port: int, username: str, password: str) -> str:
    """Log in through the real form; return the Cookie header of the authenticated session."""
    browser = Browser(port)
    try:
        response, content = browser.request("GET", LOGIN_PATH)
        if response.status != 200:
            raise BenchError(f"GET {LOGIN_PATH} answered {response.status}")
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', content)
        if match is None or "csrftoken" not in browser.cookies:
            raise BenchError(f"GET {LOGIN_PATH} gave no CSRF token (cookie or form field)")
        body = urllib.parse.urlencode(
            {
                "csrfmiddlewaretoken": match.group(1),
                "username": username,
                "password": password,
                "next": "",
            }
        )
        response, content = browser.request(
            "POST",
            LOGIN_PATH,
            body=body,
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Referer": f"http://{HOST}:{port}{LOGIN_PATH}",
            },
        )
        if response.status == 200:
            raise BenchError(
                f"logging in as {username} failed: the login form came back (wrong password, "
                "lockout or form error)"
            )
        if response.status != 302:
            raise BenchError(f"POST {LOGIN_PATH} answered {response.status}:\n{content[:2000]}")
        response, content, landed = browser.follow(response, content)
        if "sessionid" not in browser.cookies:
            raise BenchError(f"no session cookie after logging in as {username}")
        # The page a benchmark measures must really be the home page of a logged-in member.
        response, content = browser.request("GET", HOME_PATH)
        if response.status != 200 or ORGANISATION_NAME not in content:
            raise BenchError(
                f"after logging in as {username} (landed on {landed}), GET {HOME_PATH} answered "
                f"{response.status} {response.headers.get('Location', '')} without the "
                f"organisation name {ORGANISATION_NAME!r}; the benchmark would not measure the "
                "authenticated home page. Does the user have an active membership in an active "
                "organisation, and is DEMO_MODE on?"
            )
        return browser.cookie_header()
    finally:
        browser.close()


# --- load ----------------------------------------------------------------------------------


@dataclass
class ClientResult:
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    error_samples: list[str] = field(default_factory=list)

    def error(self, text: str) -> None:
        self.errors += 1
        if len(self.error_samples) < 3:
            self.error_samples.append(text)


@dataclass
class PhaseResult:
    name: str
    path: str
    requests: int
    errors: int
    elapsed: float
    p50_ms: float
    p95_ms: float
    client_cpu: float
    error_samples: list[str]

    @property
    def per_second(self) -> float:
        return self.requests / self.elapsed if self.elapsed else 0.0


def client_loop(port, path, headers, start, seconds, deadline_box, result: ClientResult):
    conn = http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT)
    start.wait()
    deadline = deadline_box[0] + seconds
    try:
        for _ in range(MAX_REQUESTS_PER_CLIENT):
            begin = time.perf_counter()
            if begin >= deadline:
                break
            try:
                conn.request("GET", path, headers=headers)
                response = conn.getresponse()
                response.read()
            except (OSError, http.client.HTTPException) as exc:
                result.error(f"{type(exc).__name__}: {exc}")
                conn.close()
                conn = http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT)
                continue
            took = time.perf_counter() - begin
            if response.status == 200:
                result.latencies.append(took)
            else:
                result.error(f"HTTP {response.status} {response.headers.get('Location', '')}")
            if response.will_close:
                conn.close()
                conn = http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT)
    finally:
        conn.close()


def percentile(sorted_values: list[float], fraction: float) -> float:
    """Nearest-rank percentile of an already sorted list."""
    if not sorted_values:
        return float("nan")
    rank = max(1, int(-(-fraction * len(sorted_values) // 1)))  # ceil
    return sorted_values[min(rank, len(sorted_values)) - 1]


def run_phase(name, port, path, cookie_headers, seconds) -> PhaseResult:
    """Every client its own thread and keep-alive connection; all start together."""
    results = [ClientResult() for _ in cookie_headers]
    start = threading.Barrier(len(cookie_headers) + 1)
    deadline_box = [0.0]
    threads = []
    for cookie, result in zip(cookie_headers, results, strict=True):
        headers = {"Cookie": cookie} if cookie else {}
        thread = threading.Thread(
            target=client_loop,
            args=(port, path, headers, start, seconds, deadline_box, result),
            daemon=True,
        )
        thread.start()
        threads.append(thread)
    cpu_before = time.process_time()
    deadline_box[0] = time.perf_counter()
    start.wait()
    for thread in threads:
        thread.join(seconds + REQUEST_TIMEOUT + 30)
        if thread.is_alive():
            raise BenchError(f"a client of {name} did not finish")
    elapsed = time.perf_counter() - deadline_box[0]
    client_cpu = (time.process_time() - cpu_before) / elapsed
    latencies = sorted(latency for result in results for latency in result.latencies)
    return PhaseResult(
        name=name,
        path=path,
        requests=len(latencies),
        errors=sum(result.errors for result in results),
        elapsed=elapsed,
        p50_ms=percentile(latencies, 0.50) * 1000,
        p95_ms=percentile(latencies, 0.95) * 1000,
        client_cpu=client_cpu,
        error_samples=[sample for result in results for sample in result.error_samples][:5],
    )


def measure(name, port, path, cookie_headers, seconds, warmup) -> PhaseResult:
    if warmup > 0:
        run_phase(f"{name} (warm-up)", port, path, cookie_headers, warmup)
    result = run_phase(name, port, path, cookie_headers, seconds)
    print(
        f"{name:<10} {path:<14} {result.requests:>7} requests in {result.elapsed:5.1f} s  "
        f"{result.per_second:8.1f} req/s  p50 {result.p50_ms:7.2f} ms  "
        f"p95 {result.p95_ms:7.2f} ms  errors {result.errors}  "
        f"(load generator used {result.client_cpu:.0%} of a CPU)",
        flush=True,
    )
    for sample in result.error_samples:
        print(f"    error: {sample}")
    return result


# --- recording -----------------------------------------------------------------------------


SECTION_TEXT = f"""{SECTION}

What it measures: how many requests per second gunicorn (settings `bench.settings`, SQLite in
a temporary directory, `DEBUG` off) serves, and how long each takes, for

- **bare**: `/bench/bare/`, a view that returns `ok` without template or query, requested
  without a session: the cost of Django, the middleware stack and gunicorn alone;
- **home**: `/`, the home page of a logged-in professional of one municipality (one session
  per client, logged in through the login form): session and user lookup, the second-factor
  and actor checks, the permission rules, the template, and saving the session (it is saved
  on every request for the idle timeout).

Each client is a thread with its own keep-alive connection that sends the next request as
soon as the previous one is answered, for a fixed time after a warm-up. p50/p95 are the
latencies seen by the clients, in milliseconds. *Home/bare* is home req/s divided by bare
req/s: the share of the bare throughput the home page keeps. Every response must be 200;
a run with errors is not recorded.
"""
COLUMNS = [
    "Date (UTC)",
    "Machine",
    "CPU",
    "Cores",
    "Database",
    "Server",
    "Clients",
    "Seconds",
    "Bare req/s",
    "Bare p50 ms",
    "Bare p95 ms",
    "Home req/s",
    "Home p50 ms",
    "Home p95 ms",
    "Home/bare",
    "Commit",
]


def record(args, bare: PhaseResult, home: PhaseResult) -> str:
    def cell(value) -> str:
        return str(value).replace("|", "/")

    ratio = home.per_second / bare.per_second if bare.per_second else float("nan")
    cells = [
        datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M"),
        platform.node(),
        cpu_model(),
        os.cpu_count(),
        "SQLite",
        f"gunicorn {args.workers} workers × {args.threads} threads",
        args.concurrency,
        f"{args.seconds:g}",
        f"{bare.per_second:.0f}",
        f"{bare.p50_ms:.1f}",
        f"{bare.p95_ms:.1f}",
        f"{home.per_second:.0f}",
        f"{home.p50_ms:.1f}",
        f"{home.p95_ms:.1f}",
        f"{ratio:.2f}",
        git_commit(),
    ]
    row = "| " + " | ".join(cell(value) for value in cells) + " |"
    append_row(SECTION, COLUMNS, row, SECTION_TEXT)
    return row


# --- main ----------------------------------------------------------------------------------


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--seconds", type=float, default=10.0, help="measured seconds per page (default 10)"
    )
    parser.add_argument(
        "--concurrency",
        type=int,
        default=8,
        help="client threads, each with its own connection (default 8)",
    )
    parser.add_argument(
        "--warmup",
        type=float,
        default=2.0,
        help="seconds of unmeasured load before each page (default 2)",
    )
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (default 2)")
    parser.add_argument(
        "--threads", type=int, default=2, help="gunicorn threads per worker (default 2)"
    )
    parser.add_argument(
        "--no-record",
        action="store_true",
        help="print the figures but do not append them to bench/RESULTS.md",
    )
    parser.add_argument(
        "--keep", action="store_true", help="keep the temporary directory (database, server log)"
    )
    args = parser.parse_args(argv)
    if args.seconds <= 0 or args.concurrency < 1 or args.warmup < 0:
        parser.error("--seconds must be > 0, --concurrency >= 1, --warmup >= 0")
    return args


def main(argv=None) -> int:
    args = parse_args(argv)
    # A SIGTERM (e.g. from make or CI) still runs the finally blocks that stop gunicorn.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))

    workdir = Path(tempfile.mkdtemp(prefix="doorbraak-bench-"))
    database = workdir / "bench.sqlite3"
    log_path = workdir / "gunicorn.log"
    password = secrets.token_urlsafe(24)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DATABASE_URL": f"sqlite:///{database}",
        "PYTHONPATH": os.pathsep.join(
            [str(REPO / "src"), str(REPO), *filter(None, [os.environ.get("PYTHONPATH")])]
        ),
        "PYTHONDONTWRITEBYTECODE": "1",
        "BENCH_ORGANISATION": ORGANISATION_NAME,
        "BENCH_USERNAME_PREFIX": USERNAME_PREFIX,
        "BENCH_USERS": str(args.concurrency),
        "BENCH_PASSWORD": password,
    }
    server = None
    failed = True  # until the run got to its end: keep the directory to look into
    try:
        print(f"Database: {database}", flush=True)
        manage(env, "migrate", "--noinput", "-v", "0")
        manage(env, "shell", "-c", SETUP_CODE)
        # The password is only needed here; the server does not need to see it.
        server_env = {k: v for k, v in env.items() if k != "BENCH_PASSWORD"}

        port = free_port()
        server = start_gunicorn(server_env, port, args.workers, args.threads, log_path)
        wait_until_up(server, port, log_path)
        print(
            f"gunicorn on http://{HOST}:{port}/ ({args.workers} workers × {args.threads} "
            f"threads), {args.concurrency} clients, {args.seconds:g} s per page "
            f"after {args.warmup:g} s warm-up",
            flush=True,
        )

        cookies = [
            log_in(port, f"{USERNAME_PREFIX}{index}", password) for index in range(args.concurrency)
        ]
        bare = measure("bare", port, BARE_PATH, [""] * args.concurrency, args.seconds, args.warmup)
        home = measure("home", port, HOME_PATH, cookies, args.seconds, args.warmup)
        ratio = home.per_second / bare.per_second if bare.per_second else float("nan")
        print(f"home/bare req/s: {ratio:.2f}")

        if server.poll() is not None:
            raise BenchError(f"gunicorn stopped during the run:\n{tail(log_path)}")
        if bare.errors or home.errors:
            print(f"{bare.errors + home.errors} requests did not answer 200: not recorded.")
            print(tail(log_path))
            return 1
        failed = False
        if args.no_record:
            return 0
        row = record(args, bare, home)
        print(f"Appended to {RESULTS.relative_to(REPO)}:\n{row}")
        return 0
    except BenchError as exc:
        print(f"Benchmark failed: {exc}", file=sys.stderr)
        return 1
    finally:
        stop_gunicorn(server)
        if args.keep or failed:
            print(f"Kept {workdir} (database and gunicorn.log)")
        else:
            with contextlib.suppress(OSError):
                shutil.rmtree(workdir)


if __name__ == "__main__":
    sys.exit(main())
