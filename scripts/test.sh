#!/usr/bin/env bash
# Runs the whole test suite on a fresh machine: installs what the tests need, builds, tests, and
# closes with one summary line "N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")/.."

bash scripts/deps.sh || { echo "dependency installation failed"; exit 1; }

log=$(mktemp)
dotnet test VetActors.sln -c Release --nologo "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# dotnet test prints one line per test project: "Passed!  - Failed: 0, Passed: 12, Skipped: 0, Total: 12, ..."
awk '
  /(Passed|Failed)! +- +Failed:/ {
    for (i = 1; i <= NF; i++) {
      if ($i == "Failed:")  { gsub(",", "", $(i+1)); failed  += $(i+1) }
      if ($i == "Passed:")  { gsub(",", "", $(i+1)); passed  += $(i+1) }
      if ($i == "Skipped:") { gsub(",", "", $(i+1)); skipped += $(i+1) }
    }
  }
  END { printf "%d passed, %d failed, %d skipped\n", passed, failed, skipped }
' "$log"
rm -f "$log"
exit "$status"
