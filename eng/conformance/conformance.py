#!/usr/bin/env python3
"""FlowGen conformance runner (Python 3 standard library only).

  conformance.py run SETDIR [-v] [--results FILE] [--keep]
      Compile every NN-name/flow.json of SETDIR (copied in as NN-name.flow.json) into a host app,
      start it on 127.0.0.1 with UPSTREAM pointing at the kit's upstream mock, replay the cases with
      `replay.py check` (which applies SETDIR/divergences.json), stop both processes by PID and print
      replay's summary line last. Exit status: 0 all cases pass, 1 some case fails, 2 the run itself
      could not be done (kit missing, mock did not start, replay did not finish).

  conformance.py check [SETDIR] [--expected FILE] [--write] [-v] [--keep]
      Run the public set (default: KIT/public) and compare the failing cases with the checked-in list
      eng/conformance-expected-failures.txt. A failing case not on the list, a listed case that passes
      and a listed case that does not exist are all differences; any difference exits 1.
      --write rewrites the list from the actual run instead (review the diff before committing).

A flow that does not compile is excluded from the host (its FLOWnnn or C# errors are printed) and its
cases are replayed against a closed port, so each of them fails, while every other flow is tested.

Environment: FLOWGEN_CONFORMANCE_KIT (the kit folder; default ../shared/conformance beside the repository),
KEEP_WORK=1 (keep the temporary work directory), PYTHON and DOTNET (the interpreters to run).
"""
import argparse
import glob
import http.client
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

REPO = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
TEMPLATE = os.path.join(REPO, "eng", "conformance", "host")
EXPECTED_DEFAULT = os.path.join(REPO, "eng", "conformance-expected-failures.txt")
HOST_PROJECT = "ConformanceHost.csproj"
FLOW_SUFFIX = ".flow.json"

MAX_BUILDS = 3            # the first build plus at most two after excluding flows that do not compile
BUILD_TIMEOUT = 900       # seconds
UPSTREAM_START_TIMEOUT = 15
APP_START_TIMEOUT = 60
APP_START_ATTEMPTS = 3    # a free port can be taken between choosing and binding it
LOG_TAIL = 40

SUMMARY = re.compile(r"^(\d+) cases, (\d+) passed, (\d+) failed$")
ERROR_LINE = re.compile(r"^\s*(?P<where>.*?)\s*:\s*error\s+(?P<code>[A-Za-z]+\d+)\s*:\s*(?P<msg>.*?)(?:\s+\[[^\]]*\])?\s*$")
LOCATED = re.compile(r"^(?P<path>.*?)\(\d+,\d+(?:,\d+,\d+)?\)$")


class RunError(Exception):
    """The run itself failed (not a case): exit status 2."""


def say(text=""):
    print(text, flush=True)


def python():
    return os.environ.get("PYTHON") or sys.executable or "python3"


def dotnet():
    return os.environ.get("DOTNET") or "dotnet"


# --------------------------------------------------------------------------- kit and set

def find_kit():
    env = os.environ.get("FLOWGEN_CONFORMANCE_KIT")
    candidates = [env] if env else []
    if not env:
        candidates.append(os.path.join(REPO, "..", "shared", "conformance"))
        # In a git worktree the clone that owns it is the one with shared/ beside it.
        try:
            common = subprocess.run(["git", "-C", REPO, "rev-parse", "--path-format=absolute", "--git-common-dir"],
                                    capture_output=True, text=True, timeout=10).stdout.strip()
            if common:
                candidates.append(os.path.join(os.path.dirname(common), "..", "shared", "conformance"))
        except (OSError, subprocess.SubprocessError):
            pass
    for c in candidates:
        if os.path.isfile(os.path.join(c, "replay.py")) and os.path.isfile(os.path.join(c, "upstream.py")):
            return os.path.abspath(c)
    raise RunError("conformance kit not found (looked in %s); set FLOWGEN_CONFORMANCE_KIT to the folder holding "
                   "replay.py and upstream.py" % ", ".join(os.path.abspath(c) for c in candidates))


def flow_dirs(setdir):
    """The flow folders of a set, as replay.py sees them: NN-* directories in name order."""
    return sorted(d for d in glob.glob(os.path.join(setdir, "[0-9][0-9]-*")) if os.path.isdir(d))


def load_json(path):
    import json
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def set_cases(setdir):
    """[(flow folder, case name)] in replay order."""
    out = []
    for d in flow_dirs(setdir):
        cp = os.path.join(d, "cases.json")
        if os.path.isfile(cp):
            out.extend((os.path.basename(d), c.get("name")) for c in load_json(cp))
    return out


# --------------------------------------------------------------------------- processes

def free_port():
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
    finally:
        s.close()


def stop(proc):
    """Stop one process this script started, by its PID only."""
    if proc is None or proc.poll() is not None:
        return
    try:
        proc.terminate()
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)
    except OSError:
        pass


def answers(base, timeout=2.0):
    """True when something speaks HTTP at base (any status: a 404 means the host is up)."""
    host, port = base[len("http://"):].split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=timeout)
    try:
        conn.request("GET", "/__conformance_ready")
        conn.getresponse().read()
        return True
    except (OSError, http.client.HTTPException):
        return False
    finally:
        conn.close()


def tail(path, n=LOG_TAIL):
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            lines = f.read().splitlines()
    except OSError:
        return "(no log at %s)" % path
    return "\n".join("  | " + line for line in lines[-n:])


def on_sigterm(signum, frame):
    say("conformance: stopped by signal %d" % signum)
    raise SystemExit(128 + signum)


# --------------------------------------------------------------------------- build

def hint_name(flow):
    """FlowGen's generated file name for NAME.flow.json at the project root (FlowFileCompiler.HintName)."""
    return "".join(c if c.isalnum() or c in ".-_" else "_" for c in flow) + ".flow.g.cs"


def attribute_errors(output, flows):
    """Map the build's error lines to flows: {flow: [error lines]} and the lines no flow explains."""
    by_file = {}
    for f in flows:
        by_file[f + FLOW_SUFFIX] = f
        by_file[hint_name(f)] = f
    found, other, seen = {}, [], set()
    for raw in output.splitlines():
        m = ERROR_LINE.match(raw)
        if not m:
            continue
        line = "%s: error %s: %s" % (m.group("where"), m.group("code"), m.group("msg"))
        if line in seen:
            continue
        seen.add(line)
        flow = None
        loc = LOCATED.match(m.group("where"))
        if loc:
            flow = by_file.get(os.path.basename(loc.group("path").replace("\\", "/")))
        if flow is None and not loc:
            # An error without a position (the generator's safety net) names the flow file in its message.
            for name, f in by_file.items():
                if name.endswith(FLOW_SUFFIX) and name in m.group("msg"):
                    flow = f
                    break
        if flow is None:
            other.append(line)
        else:
            shown = line
            if loc:
                shown = os.path.basename(loc.group("path")) + line[len(loc.group("path")):]
            found.setdefault(flow, []).append(shown)
    return found, other


def build_host(setdir, work):
    """Build the host with every flow that compiles. Returns (dll or None, {excluded flow: reason})."""
    host = os.path.join(work, "host")
    shutil.copytree(TEMPLATE, host, ignore=shutil.ignore_patterns("bin", "obj"))
    # Isolate the work directory from any Directory.Build.* above it and point the template at this repository.
    with open(os.path.join(host, "Directory.Build.props"), "w", encoding="utf-8") as f:
        f.write('<Project>\n  <PropertyGroup>\n    <FlowGenRepoRoot>%s/</FlowGenRepoRoot>\n  </PropertyGroup>\n</Project>\n'
                % REPO.replace("&", "&amp;").replace("<", "&lt;"))
    with open(os.path.join(host, "Directory.Build.targets"), "w", encoding="utf-8") as f:
        f.write("<Project />\n")

    excluded = {}
    flows = []
    for d in flow_dirs(setdir):
        name = os.path.basename(d)
        src = os.path.join(d, "flow.json")
        if os.path.isfile(src):
            shutil.copyfile(src, os.path.join(host, name + FLOW_SUFFIX))
            flows.append(name)
        else:
            excluded[name] = "no flow.json"

    log_path = os.path.join(work, "build.log")
    env = dict(os.environ, DOTNET_NOLOGO="1", DOTNET_CLI_TELEMETRY_OPTOUT="1", MSBUILDDISABLENODEREUSE="1")
    cmd = [dotnet(), "build", os.path.join(host, HOST_PROJECT), "-c", "Release", "-nologo", "-tl:off",
           "-nodeReuse:false", "-v:minimal", "-clp:NoSummary"]
    for round_no in range(1, MAX_BUILDS + 1):
        if not flows:
            return None, excluded
        say("conformance: building the host with %d flow(s) (round %d, log %s)" % (len(flows), round_no, log_path))
        started = time.monotonic()
        try:
            # From the repository root, so its global.json chooses the SDK.
            res = subprocess.run(cmd, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                 text=True, errors="replace", timeout=BUILD_TIMEOUT)
            output, rc = res.stdout, res.returncode
        except subprocess.TimeoutExpired as e:
            output = e.stdout or ""
            output, rc = output.decode("utf-8", "replace") if isinstance(output, bytes) else output, -1
            output += "\nbuild timed out after %d s\n" % BUILD_TIMEOUT
        with open(log_path, "a", encoding="utf-8") as f:
            f.write("===== build round %d: %s\n%s\n" % (round_no, " ".join(cmd), output))
        say("conformance: build round %d finished in %.0f s (exit %d)" % (round_no, time.monotonic() - started, rc))
        if rc == 0:
            dll = os.path.join(host, "bin", "Release", "net10.0", "ConformanceHost.dll")
            if not os.path.isfile(dll):
                found = glob.glob(os.path.join(host, "bin", "Release", "*", "ConformanceHost.dll"))
                dll = found[0] if found else None
            return dll, excluded
        found, other = attribute_errors(output, flows)
        if not found:
            say("conformance: the host does not build, and no flow file explains it:")
            for line in other[:10]:
                say("  " + line)
            say(tail(log_path))
            return None, excluded
        for flow, lines in sorted(found.items()):
            excluded[flow] = lines[0] + ("" if len(lines) == 1 else "  (+%d more error(s))" % (len(lines) - 1))
            os.remove(os.path.join(host, flow + FLOW_SUFFIX))
            flows.remove(flow)
    say("conformance: the host still does not build after %d rounds" % MAX_BUILDS)
    say(tail(log_path))
    return None, excluded


# --------------------------------------------------------------------------- replay

class Replay:
    """Runs `replay.py check -v` and collects per-case results from its output."""

    def __init__(self, kit, setdir, upstream, show):
        self.kit, self.setdir, self.upstream, self.show = kit, setdir, upstream, show
        self.results = {}          # (flow, case) -> (passed, [detail lines])
        self.totals = [0, 0, 0]    # cases, passed, failed
        self.summaries = []
        self.brief = False
        self.label = os.path.basename(setdir.rstrip("/")) + "/"

    def run(self, base, only, log, brief=False):
        """Replay the cases of the flows in only (None: all); brief shows only the FAIL line of a case."""
        self.brief = brief
        cmd = [python(), os.path.join(self.kit, "replay.py"), "check", "--base", base, "--upstream", self.upstream,
               "-v", self.setdir]
        if only is not None:
            cmd += ["--only"] + only
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, errors="replace",
                                bufsize=1)
        summary = None
        pending = []   # ERROR lines come before the FAIL line of their case
        block = None   # the FAIL line being collected with its indented detail lines
        try:
            with open(log, "a", encoding="utf-8") as logf:
                for line in proc.stdout:
                    logf.write(line)
                    line = line.rstrip("\n")
                    if line.startswith("     ") and block is not None:
                        block[2].append(line)
                        continue
                    self._flush(block)
                    block = None
                    if line.startswith("ERROR "):
                        pending.append(line)
                    elif line.startswith("FAIL ") or line.startswith("ok   "):
                        key = self._key(line[5:])
                        if key is None:
                            say(line)
                            continue
                        block = (key, line.startswith("ok"), pending + [line])
                        pending = []
                    elif SUMMARY.match(line):
                        summary = line
                    else:
                        say(line)
                self._flush(block)
            rc = proc.wait()
        finally:
            stop(proc)
        for line in pending:
            say(line)
        m = SUMMARY.match(summary or "")
        if not m:
            raise RunError("replay.py ended (exit %s) without its summary line; see %s" % (proc.returncode, log))
        self.summaries.append(summary)
        for i in range(3):
            self.totals[i] += int(m.group(i + 1))
        return rc

    def _key(self, rest):
        if not rest.startswith(self.label) or " :: " not in rest:
            return None
        flow, _, case = rest[len(self.label):].partition(" :: ")
        return flow, case

    def _flush(self, block):
        if block is None:
            return
        key, passed, lines = block
        self.results[key] = (passed, lines)
        if self.show(key, passed):
            for line in lines:
                if not self.brief or line.startswith("FAIL ") or line.startswith("ok   "):
                    say(line)

    def summary(self):
        if len(self.summaries) == 1:
            return self.summaries[0]
        return "%d cases, %d passed, %d failed" % tuple(self.totals)


def run_set(setdir, verbose=False, keep=False, show=None):
    """Build, start, replay, stop. Returns (Replay, excluded flows). Raises RunError."""
    kit = find_kit()
    setdir = os.path.abspath(setdir)
    if not flow_dirs(setdir):
        raise RunError("%s holds no NN-name flow folders" % setdir)
    keep = keep or os.environ.get("KEEP_WORK") == "1"
    work = tempfile.mkdtemp(prefix="flowgen-conformance.")
    upstream_proc = app_proc = None
    started = time.monotonic()
    say("conformance: set %s, kit %s, work %s" % (setdir, kit, work))
    try:
        all_flows = [os.path.basename(d) for d in flow_dirs(setdir)]
        dll, excluded = build_host(setdir, work)
        for flow in sorted(excluded):
            say("conformance: EXCLUDED %s: %s" % (flow, excluded[flow]))
        if dll is None and len(excluded) == len(all_flows):
            say("conformance: no flow of the set compiles: every case fails")
        elif dll is None:
            say("conformance: the host did not build: every case fails")
            excluded.update({f: "the host did not build" for f in all_flows if f not in excluded})

        # The upstream mock picks its own free port and reports it.
        port_file = os.path.join(work, "upstream.port")
        up_log = os.path.join(work, "upstream.log")
        with open(up_log, "w") as out:
            upstream_proc = subprocess.Popen([python(), os.path.join(kit, "upstream.py"), "--port", "0",
                                              "--port-file", port_file], stdout=out, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + UPSTREAM_START_TIMEOUT
        while not (os.path.isfile(port_file) and os.path.getsize(port_file) > 0):
            if upstream_proc.poll() is not None or time.monotonic() > deadline:
                raise RunError("the upstream mock did not start:\n" + tail(up_log))
            time.sleep(0.05)
        with open(port_file) as f:
            upstream = "http://127.0.0.1:%d" % int(f.read().strip())

        app_base = None
        if dll is not None:
            app_log = os.path.join(work, "app.log")
            env = dict(os.environ, UPSTREAM=upstream, TZ="UTC", DOTNET_NOLOGO="1", ASPNETCORE_ENVIRONMENT="Production")
            env.pop("ASPNETCORE_URLS", None)
            for attempt in range(1, APP_START_ATTEMPTS + 1):
                base = "http://127.0.0.1:%d" % free_port()
                with open(app_log, "a") as out:
                    out.write("===== start attempt %d on %s\n" % (attempt, base))
                    out.flush()
                    app_proc = subprocess.Popen([dotnet(), dll, "--urls", base], cwd=os.path.dirname(dll), env=env,
                                                stdout=out, stderr=subprocess.STDOUT)
                deadline = time.monotonic() + APP_START_TIMEOUT
                while app_proc.poll() is None and time.monotonic() < deadline and not answers(base):
                    time.sleep(0.1)
                if app_proc.poll() is None and answers(base):
                    app_base = base
                    break
                stop(app_proc)
                app_proc = None
            if app_base is None:
                say("conformance: the host did not start; every case fails. Its log:")
                say(tail(app_log))
                excluded.update({f: "the host did not start" for f in all_flows if f not in excluded})
            else:
                say("conformance: host on %s, upstream mock on %s (ready after %.0f s)"
                    % (app_base, upstream, time.monotonic() - started))

        replay = Replay(kit, setdir, upstream, show or (lambda key, passed: verbose or not passed))
        replay_log = os.path.join(work, "replay.log")
        compiled = [f for f in all_flows if f not in excluded]
        if compiled:
            replay.run(app_base, None if len(compiled) == len(all_flows) else compiled, replay_log)
            if app_proc is not None and app_proc.poll() is not None:
                say("conformance: the host exited during the run (exit %s). Its log:" % app_proc.returncode)
                say(tail(os.path.join(work, "app.log")))
        if excluded:
            # Nothing listens on a port just found free: each case of a flow that did not compile fails
            # with a connection error rather than passing by accident (e.g. a case expecting the host's 404).
            say("conformance: replaying the cases of %d excluded flow(s) against a closed port" % len(excluded))
            replay.run("http://127.0.0.1:%d" % free_port(), sorted(excluded), replay_log, brief=not verbose)
        return replay, excluded
    finally:
        stop(app_proc)
        stop(upstream_proc)
        if keep:
            say("conformance: work directory kept: %s" % work)
        else:
            shutil.rmtree(work, ignore_errors=True)
        say("conformance: finished in %.0f s" % (time.monotonic() - started))


# --------------------------------------------------------------------------- commands

def cmd_run(args):
    replay, _ = run_set(args.setdir, verbose=args.verbose, keep=args.keep)
    if args.results:
        with open(args.results, "w", encoding="utf-8") as f:
            for (flow, case), (passed, _) in sorted(replay.results.items()):
                f.write("%s\t%s\t%s\n" % ("ok" if passed else "FAIL", flow, case))
    say(replay.summary())
    return 0 if replay.totals[2] == 0 else 1


EXPECTED_HEADER = """\
# Conformance cases that FlowGen is known to fail today, one per line: <flow folder><TAB><case name>,
# exactly as in the kit's public/NN-name/cases.json.
#
# eng/conformance-check.sh (part of the test command) replays every case of ../shared/conformance/public
# against the compiled flows and compares: a failing case that is not listed here fails the tests, and so
# does a listed case that passes. Remove a case's line in the change that makes it pass; never add one to
# hide a regression. `eng/conformance-check.sh --write` rewrites this file from an actual run (review the diff).
"""


def read_expected(path):
    """[(flow, case)] in file order, plus problems (malformed lines)."""
    entries, problems = [], []
    if not os.path.isfile(path):
        return entries, ["%s does not exist" % path]
    with open(path, encoding="utf-8") as f:
        for no, raw in enumerate(f, 1):
            line = raw.rstrip("\r\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            flow, tab, case = line.partition("\t")
            if not tab or not flow or not case:
                problems.append("line %d is not <flow folder><TAB><case name>: %r" % (no, line))
                continue
            entries.append((flow, case))
    return entries, problems


def cmd_check(args):
    kit = find_kit()
    setdir = os.path.abspath(args.setdir or os.path.join(kit, "public"))
    expected_path = os.path.abspath(args.expected)
    entries, problems = read_expected(expected_path)
    if args.write:
        problems = []
    expected = set(entries)
    # Details of cases that fail as expected are not repeated (their lines would drown the differences).
    replay, excluded = run_set(setdir, verbose=args.verbose, keep=args.keep,
                               show=lambda key, passed: args.verbose or (not passed and key not in expected))
    universe = set_cases(setdir)
    failed = [k for k in universe if k in replay.results and not replay.results[k][0]]
    passed = [k for k in universe if k in replay.results and replay.results[k][0]]
    missing = [k for k in universe if k not in replay.results]
    if missing:
        for flow, case in missing:
            say("conformance: no result for %s :: %s" % (flow, case))
        raise RunError("replay.py reported no result for %d case(s)" % len(missing))

    rel = os.path.relpath(expected_path, REPO)
    if args.write:
        with open(expected_path, "w", encoding="utf-8") as f:
            f.write(EXPECTED_HEADER)
            for flow, case in failed:
                f.write("%s\t%s\n" % (flow, case))
        say("conformance: wrote %d expected failure(s) to %s" % (len(failed), rel))
        entries, expected = list(failed), set(failed)

    unexpected = [k for k in failed if k not in expected]
    now_pass = [k for k in passed if k in expected]
    unknown = [k for k in entries if k not in set(universe)]
    dupes = sorted({k for k in entries if entries.count(k) > 1})

    def listing(title, keys):
        if keys:
            say()
            say("%s (%d):" % (title, len(keys)))
            for flow, case in keys:
                say("  %s\t%s" % (flow, case))

    listing("FAILING CASES NOT IN %s (fix them, or list them if that is intended)" % rel, unexpected)
    listing("LISTED IN %s BUT PASSING NOW (remove these lines)" % rel, now_pass)
    listing("LISTED IN %s BUT NOT A CASE OF %s (remove or correct these lines)" % (rel, setdir), unknown)
    listing("LISTED MORE THAN ONCE IN %s" % rel, dupes)
    for p in problems:
        say("conformance: %s: %s" % (rel, p))
    bad = len(unexpected) + len(now_pass) + len(unknown) + len(dupes) + len(problems)
    still = len([k for k in failed if k in expected])
    say()
    say("conformance: %d case(s) fail as listed in %s, %d unexpected failure(s), %d listed case(s) passing"
        % (still, rel, len(unexpected), len(now_pass)))
    say(replay.summary())
    say("conformance: %d passed, %d failed" % (len(passed) - len(now_pass), bad))
    return 1 if bad else 0


def main():
    signal.signal(signal.SIGTERM, on_sigterm)
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("run", help="run one conformance set")
    p.add_argument("setdir")
    p.add_argument("--results", help="write one line per case: ok|FAIL<TAB>flow<TAB>case")
    p.add_argument("-v", "--verbose", action="store_true", help="also list the passing cases")
    p.add_argument("--keep", action="store_true", help="keep the work directory (as KEEP_WORK=1)")
    p = sub.add_parser("check", help="run the public set against the expected-failures list")
    p.add_argument("setdir", nargs="?", help="default: the kit's public set")
    p.add_argument("--expected", default=EXPECTED_DEFAULT)
    p.add_argument("--write", action="store_true", help="rewrite the expected-failures list from this run")
    p.add_argument("-v", "--verbose", action="store_true")
    p.add_argument("--keep", action="store_true")
    args = ap.parse_args()
    try:
        return cmd_run(args) if args.cmd == "run" else cmd_check(args)
    except RunError as e:
        say("conformance: ERROR: %s" % e)
        return 2
    except KeyboardInterrupt:
        say("conformance: interrupted")
        return 130


if __name__ == "__main__":
    sys.exit(main())
