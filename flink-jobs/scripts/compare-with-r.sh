#!/usr/bin/env bash
# Streaming MICE (FleetPulse) vs R's mice vs the daily-mean baseline, on the same hidden cells.
# Needs R with the mice package (Debian: apt-get install r-cran-mice).
# Usage: flink-jobs/scripts/compare-with-r.sh [extra `fleet eval imputation` options...]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
if ! command -v Rscript >/dev/null 2>&1; then
  echo "Rscript not found: install R and its mice package (Debian: apt-get install r-cran-mice)" >&2
  exit 1
fi
out="$root/work/eval/imputation-r"
mkdir -p "$out"
"$root/fleet" eval imputation --export-r "$out" --json "$out/fleet.json" "$@"
echo
Rscript "$root/flink-jobs/scripts/mice_compare.R" "$out" norm
echo
Rscript "$root/flink-jobs/scripts/mice_compare.R" "$out" pmm
