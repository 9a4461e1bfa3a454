#!/usr/bin/env bash
# Make a real Prometheus (and promtool) available for the metrics tests.
# Installs Debian's `prometheus` package only when a binary is missing; safe to run repeatedly.
set -euo pipefail

if command -v prometheus >/dev/null 2>&1 && command -v promtool >/dev/null 2>&1; then
  echo "ensure-prometheus: $(prometheus --version 2>&1 | head -n 1)"
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-prometheus: prometheus/promtool missing and apt-get is not available; install Prometheus by hand" >&2
  exit 1
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

export DEBIAN_FRONTEND=noninteractive
# The Debian package starts a system service when systemd is running; tests start their own instance, so keep it off.
# Wait for another apt/dpkg run (other installs on the same machine) instead of failing on its lock.
APT_OPTS=(-o DPkg::Lock::Timeout=600)
$SUDO apt-get "${APT_OPTS[@]}" update -qq
$SUDO apt-get "${APT_OPTS[@]}" install -y -qq --no-install-recommends prometheus >/dev/null
if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
  $SUDO systemctl disable --now prometheus >/dev/null 2>&1 || true
fi

command -v prometheus >/dev/null 2>&1 || { echo "ensure-prometheus: prometheus still not on PATH after install" >&2; exit 1; }
command -v promtool >/dev/null 2>&1 || { echo "ensure-prometheus: promtool still not on PATH after install" >&2; exit 1; }
echo "ensure-prometheus: installed $(prometheus --version 2>&1 | head -n 1)"
