#!/usr/bin/env bash
# The campaign progress benchmark (bench/campaign-progress.ts): SQLite, and
# a throwaway PostgreSQL (see run-node-bench.sh). Extra arguments go to the
# script (--entities, --requests).
#
#   ./bench/run-campaign-progress.sh
#   ./bench/run-campaign-progress.sh --entities 1000 --requests 20
exec "$(dirname "${BASH_SOURCE[0]}")/run-node-bench.sh" campaign-progress CAMPAIGN_BENCH_PG_URL "$@"
