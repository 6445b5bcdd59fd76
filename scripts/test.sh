#!/usr/bin/env bash
# Everything CI checks, from a fresh clone: set-up, lint, the test suite (offline), and the answer-accuracy floor
# on the frozen blind set u2, never used for fixes (measured 89.2% on the programme alone, 2026-12-08 04:55; the floor
# leaves room for small numeric differences between machines).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
export HF_HUB_OFFLINE=1 HF_HUB_DISABLE_TELEMETRY=1 GRADIO_ANALYTICS_ENABLED=False TOKENIZERS_PARALLELISM=false
.venv/bin/ruff check .
.venv/bin/python -m pytest -q -p no:cacheprovider
.venv/bin/planqa eval --testset eval/frozen/u2-programme.jsonl --no-baseline --min-accuracy "${PLANQA_EVAL_FLOOR:-0.80}" \
  --report eval/reports/ci.md
