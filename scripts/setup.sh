#!/usr/bin/env bash
# Set up planqa from this checkout on a fresh machine: a virtualenv, torch's CPU wheel first (pinned: any other
# torch request pulls a multi-GB CUDA build), the project, and the embedded default model converted once into the
# user cache and exported there to the int8 ONNX graph the default backend runs (offline). `--test` also installs
# what the tests need: the test extras and Debian's chromium and fonts.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/pip install -q --disable-pip-version-check torch==2.13.0
if [ "${1:-}" = "--test" ]; then
  .venv/bin/pip install -q --disable-pip-version-check -e ".[test]"
  missing=""
  [ -x /usr/bin/chromium ] || missing="$missing chromium"
  [ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing="$missing fonts-dejavu-core"
  if [ -n "$missing" ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
  fi
else
  .venv/bin/pip install -q --disable-pip-version-check -e .
fi
HF_HUB_OFFLINE=1 .venv/bin/python -c "from index.onnx_model import ensure_onnx_model; ensure_onnx_model()"
