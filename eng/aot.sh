#!/usr/bin/env bash
# The Native AOT check: eng/aot.sh [OUTDIR]
#
# Publishes the sample app as a Native AOT binary (net9.0, see sample-app/SampleApp.csproj) and fails on any warning
# of the publish (trim and AOT analysis IL2xxx/IL3xxx included). Then starts the binary on 127.0.0.1, times it from
# process start to the first answered request, checks the status and body of every route of sample-app/flows with
# real requests, sends 10,000 more, reads the process's RSS and prints one summary line. Exits non-zero on any
# failure. OUTDIR keeps the binary; without it a temporary folder is used and removed.
set -euo pipefail
# OUTDIR as the caller meant it, before the script moves to the repository root.
keep=${1:+$(realpath -m "$1")}
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
out=${keep:-$work/publish}
log=$work/publish.log

echo "== Native AOT publish of the sample app"
publish=(dotnet publish sample-app -c Release -r linux-x64 -p:NativeAot=true -o "$out" -nologo -tl:off)
echo "${publish[*]}"
if ! "${publish[@]}" >"$log" 2>&1; then
  cat "$log"
  echo "aot: FAILED (the publish failed)"
  exit 1
fi
# Warnings are errors here (the native compiler's trim and AOT analysis included), but a project setting such as
# WarningsNotAsErrors, or MSBuild's own warnings, would let one through: any warning fails the check.
if grep -Eq ': warning |\bIL[23][0-9]{3}\b' "$log"; then
  grep -E ': warning |\bIL[23][0-9]{3}\b' "$log" | sort -u
  echo "aot: FAILED (the publish printed warnings)"
  exit 1
fi
if [ -n "$(find "$out" -name '*.flow.json' -o -name '*.openapi.*')" ]; then
  echo "aot: FAILED (flow files or the OpenAPI document were published; they are compiled into the binary)"
  exit 1
fi

echo "== the native binary on 127.0.0.1"
"${PYTHON:-python3}" - "$out/SampleApp" <<'PY'
import http.client, json, os, re, socket, subprocess, sys, tempfile, threading, time

binary = sys.argv[1]
failures = []

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]

def start(reviews_url=None):
    """Starts the binary on a free loopback port; returns (process, port, log, start time)."""
    port = free_port()
    env = dict(os.environ, REVIEWS_URL=reviews_url or f"http://127.0.0.1:{port}/internal")
    log = tempfile.TemporaryFile()
    started = time.perf_counter()
    # The publish folder is the content root: appsettings.json is read from there.
    process = subprocess.Popen([binary, "--urls", f"http://127.0.0.1:{port}"], cwd=os.path.dirname(binary),
                               env=env, stdout=log, stderr=subprocess.STDOUT)
    return process, port, log, started

def stop(process, log):
    process.terminate()
    try:
        process.wait(10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    if failures:
        log.seek(0)
        sys.stdout.write(log.read().decode("utf-8", "replace")[-4000:])
    log.close()

def first_answer(process, port, started):
    """Milliseconds from process start until a request is answered."""
    deadline = started + 30
    while time.perf_counter() < deadline and process.poll() is None:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/books/b2")
            connection.getresponse().read()
            return (time.perf_counter() - started) * 1000
        except (ConnectionRefusedError, ConnectionResetError):
            time.sleep(0.002)
    failures.append(f"no answer within 30 s (exit code {process.poll()})")
    raise SystemExit("aot: FAILED (the binary did not answer)")

def send(connection, method, path, body=None, headers=None):
    headers = dict(headers or {})
    if body is not None:
        headers.setdefault("Content-Type", "application/json")
    connection.request(method, path, body=body, headers=headers)
    response = connection.getresponse()
    return response.status, response.headers, response.read().decode("utf-8")

def check(connection, name, method, path, status, body=None, *, send_body=None, headers=None, expect=None):
    """One request: its status, its body (exact text or a regex) and any header expectations."""
    got_status, got_headers, got_body = send(connection, method, path, send_body, headers)
    problems = []
    if got_status != status:
        problems.append(f"status {got_status}, expected {status}")
    if isinstance(body, str) and got_body != body:
        problems.append(f"body {got_body!r}, expected {body!r}")
    if isinstance(body, re.Pattern) and not body.search(got_body):
        problems.append(f"body {got_body!r} does not match {body.pattern!r}")
    for header, value in (expect or {}).items():
        actual = got_headers.get_all(header) or []
        ok = value(actual) if callable(value) else actual == [value]
        if not ok:
            problems.append(f"{header}: {actual}, expected {value.__doc__ if callable(value) else repr(value)}")
    if problems:
        failures.append(f"{name}: {method} {path}: " + "; ".join(problems))
    return got_headers, got_body

BOOK_B2 = '{"id":"b2","title":"Neuromancer","author":"William Gibson","year":1984}'
BOOKS = ('[{"id":"b1","title":"Dune","author":"Frank Herbert","year":1965},' + BOOK_B2 +
         ',{"id":"b3","title":"The Left Hand of Darkness","author":"Ursula K. Le Guin","year":1969}]')
REVIEWS_B2 = ('{"book":' + BOOK_B2 + ',"reviews":[{"stars":4,"text":"Cyberspace, before it was a word."},'
              '{"stars":5,"text":"Still sharp."}]}')
QUOTE = '{"bookId":"b1","quantity":12,"coupon":"reader"}'
QUOTE_ANSWER = '{"bookId":"b1","title":"Dune","quantity":12,"unitPrice":8.99,"percentOff":15,"total":91.7}'
JSON = "application/json; charset=utf-8"
HTML = "text/html; charset=utf-8"

def present(values):
    """one value"""
    return len(values) == 1 and values[0] != ""

def check_routes(port):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    # bookstore.flow.json
    check(c, "list", "GET", "/books", 200, BOOKS,
          expect={"Content-Type": JSON, "Access-Control-Allow-Origin": "*", "Request-Id": present})
    headers, _ = check(c, "get", "GET", "/books/b2", 200, BOOK_B2, expect={"Content-Type": JSON, "ETag": present})
    check(c, "not modified", "GET", "/books/b2", 304, "", headers={"If-None-Match": headers.get("ETag", "")})
    check(c, "get 404", "GET", "/books/zz", 404, '{"error":"book not found","id":"zz"}')
    headers, body = check(c, "add", "POST", "/books", 201, re.compile(r'^\{"title":"Kindred","id":\d+\}$'),
                          send_body='{"title":"Kindred"}')
    new_id = json.loads(body)["id"] if body.startswith("{") else None
    if headers.get("Location") != f"/books/{new_id}":
        failures.append(f"add: Location {headers.get('Location')!r}, expected '/books/{new_id}'")
    check(c, "add 400", "POST", "/books", 400, '{"error":"a book needs a title"}', send_body='{"author":"nobody"}')
    check(c, "malformed body", "POST", "/books", 400, re.compile(r'"detail":"The JSON body is malformed'),
          send_body='{"title":', expect={"Content-Type": "application/problem+json; charset=utf-8"})
    check(c, "delete", "DELETE", "/books/b1", 204, "")
    check(c, "delete 404", "DELETE", "/books/nope", 404, '{"error":"book not found","id":"nope"}')
    check(c, "redirect", "GET", "/catalogue", 301, "", expect={"Location": "/books"})
    check(c, "home page", "GET", "/", 200,
          re.compile(re.escape('<li><a href="/books/b3">The Left Hand of Darkness</a> by Ursula K. Le Guin (1969)</li>')),
          expect={"Content-Type": HTML})

    def session_cookie(values):
        """session=ada; Max-Age=3600; Path=/; Expires=...; HttpOnly; SameSite=Lax"""
        return len(values) == 1 and values[0].startswith("session=ada; Max-Age=3600; Path=/; Expires=") \
            and values[0].endswith("; HttpOnly; SameSite=Lax")
    check(c, "sign in", "POST", "/session", 200, '{"signedIn":true}', send_body='{"user":"ada"}',
          expect={"Set-Cookie": session_cookie})
    check(c, "sign out", "DELETE", "/session", 204, "",
          expect={"Set-Cookie": "session=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT"})
    check(c, "options", "OPTIONS", "/books", 200, "GET,HEAD,POST")
    check(c, "wrong method", "PUT", "/books", 405, "")
    # seed-cookies.flow.json and seed-html.flow.json

    def seed_cookies(values):
        """name=nick; Path=/ then session=1234; Max-Age=900; ..."""
        return len(values) == 2 and values[0] == "name=nick; Path=/" and values[1].startswith("session=1234; Max-Age=900; Path=/; Expires=")
    check(c, "seed cookies", "GET", "/test", 200, "{}", expect={"Set-Cookie": seed_cookies})
    check(c, "seed html", "GET", "/test-html", 200, re.compile(r"^<!DOCTYPE html>\n<html>\n<head>\n    <title>Simple HTML Example</title>"),
          expect={"Content-Type": HTML})
    # reviews-and-quotes.flow.json: the reviews service is the app's own /internal routes.
    check(c, "reviews", "GET", "/books/b2/reviews", 200, REVIEWS_B2)
    check(c, "reviews 404", "GET", "/books/zz/reviews", 404, '{"error":"book not found"}')
    check(c, "quote", "POST", "/quote", 200, QUOTE_ANSWER, send_body=QUOTE)
    # The document declares quantity an integer: the request check answers before the flow runs.
    check(c, "quote 400", "POST", "/quote", 400,
          re.compile(r'"errors":\[\{"in":"body","pointer":"/quantity","message":"must be an integer"\}\]\}$'),
          send_body='{"bookId":"b1","quantity":0.5}', expect={"Content-Type": "application/problem+json; charset=utf-8"})
    # bookstore.openapi.json, served with the app's other endpoints.
    check(c, "openapi", "GET", "/openapi/v1.json", 200, re.compile(r'^\{"openapi":"3\.1\.0".*"/books/\{id\}"'))
    c.close()

# The requests of the load, each with its one right answer.
LOAD = [
    ("GET", "/books/b2", None, 200, BOOK_B2),
    ("GET", "/books", None, 200, BOOKS),
    ("GET", "/books/zz", None, 404, '{"error":"book not found","id":"zz"}'),
    ("POST", "/quote", QUOTE, 200, QUOTE_ANSWER),
    ("GET", "/books/b2/reviews", None, 200, REVIEWS_B2),
]

def load(port, total=10_000, connections=4):
    """Sends total requests over keep-alive connections and checks every answer; returns the seconds taken."""
    wrong = []
    def worker(first):
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        for i in range(first, total, connections):
            method, path, body, status, answer = LOAD[i % len(LOAD)]
            got_status, _, got_body = send(c, method, path, body)
            if got_status != status or got_body != answer:
                wrong.append(f"{method} {path}: {got_status} {got_body[:200]!r}")
        c.close()
    threads = [threading.Thread(target=worker, args=(n,)) for n in range(connections)]
    began = time.perf_counter()
    for t in threads: t.start()
    for t in threads: t.join()
    elapsed = time.perf_counter() - began
    if wrong:
        failures.append(f"load: {len(wrong)} of {total} answers were wrong, first: {wrong[0]}")
    return elapsed

def rss_kib(pid):
    with open(f"/proc/{pid}/status") as status:
        return int(next(line for line in status if line.startswith("VmRSS:")).split()[1])

size = os.path.getsize(binary)
process, port, log, started = start()
try:
    first_ms = first_answer(process, port, started)
    print(f"listening on 127.0.0.1:{port}; first answer {first_ms:.0f} ms after start")
    check_routes(port)
    rss_before = rss_kib(process.pid)
    seconds = load(port)
    rss_after = rss_kib(process.pid)
    print(f"10,000 requests in {seconds:.1f} s over 4 connections; RSS {rss_before / 1024:.1f} MiB before, {rss_after / 1024:.1f} MiB after")
    if process.poll() is not None:
        failures.append(f"the binary exited with {process.returncode}")
finally:
    stop(process, log)

# The fail branch: nothing listens on port 1, so the reviews call is refused and answered 502.
process, port, log, started = start("http://127.0.0.1:1")
try:
    first_answer(process, port, started)
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    check(c, "reviews unreachable", "GET", "/books/b2/reviews", 502, '{"error":"the reviews service could not be reached"}')
    c.close()
finally:
    stop(process, log)

for failure in failures:
    print("FAILED " + failure)
if failures:
    print(f"aot: FAILED ({len(failures)} checks failed)")
    sys.exit(1)
print(f"aot: binary {size / 1048576:.1f} MiB, first answer {first_ms:.0f} ms after start, "
      f"RSS {rss_after / 1024:.1f} MiB after 10,000 requests; every check passed")
PY
