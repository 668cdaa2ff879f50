#!/usr/bin/env bash
# Conformance run of one set: eng/conformance.sh SETDIR [-v] [--results FILE] [--keep]
#
# Compiles every NN-name/flow.json of SETDIR (a folder laid out like ../shared/conformance/public) into a host
# app, starts it on 127.0.0.1 with UPSTREAM pointing at the kit's upstream mock, runs `replay.py check`
# (divergences.json applied), stops both by PID and prints replay's summary line last. Exit status 1 when any
# case fails (a flow that does not compile fails its own cases only), 2 when the run itself could not be done.
# FLOWGEN_CONFORMANCE_KIT overrides the kit folder (default ../shared/conformance beside the repository).
# See docs/conformance.md.
set -euo pipefail
exec "${PYTHON:-python3}" "$(dirname "${BASH_SOURCE[0]}")/conformance/conformance.py" run "$@"
