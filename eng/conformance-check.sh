#!/usr/bin/env bash
# Conformance check used by the test command: eng/conformance-check.sh [SETDIR] [--write] [-v] [--keep]
#
# Runs eng/conformance.sh's run on the kit's public set (or SETDIR) and compares the failing cases with
# eng/conformance-expected-failures.txt: a failing case not listed there, or a listed case that passes, fails the
# check. Prints the differences, replay's summary line, and last `conformance: N passed, M failed`.
# --write rewrites the list from the actual run. See docs/conformance.md.
set -euo pipefail
exec "${PYTHON:-python3}" "$(dirname "${BASH_SOURCE[0]}")/conformance/conformance.py" check "$@"
