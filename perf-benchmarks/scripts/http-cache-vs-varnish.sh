#!/usr/bin/env bash
# Serving a cached API response: perfkit's in-process response cache (ResponseCacheFilter on Jetty) vs Varnish
# caching the same response in front of it, same machine, wrk on loopback, interleaved rounds, medians. Prints both
# throughputs and the ratio perfkit/Varnish (issue 14's target: >= 0.5).
# Needs: varnishd (apt-get install -y varnish), wrk (apt-get install -y wrk); run from the repository root after
#   ./mvnw -B -q -pl perf-benchmarks -am package -DskipTests
# Knobs: DURATION (10s), WARMUP (20s, for Jetty's JIT), CONNECTIONS (32), THREADS (2), ROUNDS (3). Varnish runs with its own work folder and VCL under
# perf-benchmarks/target/varnish-bench, on a free loopback port; both processes are stopped on exit.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$ROOT/perf-benchmarks/target/varnish-bench
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
ROUNDS=${ROUNDS:-3}
WARMUP=${WARMUP:-20s}
VARNISHD=${VARNISHD:-/usr/sbin/varnishd}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 2; }
[ -x "$VARNISHD" ] || { echo "varnishd is missing: apt-get install -y varnish" >&2; exit 2; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
rm -rf "$WORK" && mkdir -p "$WORK" && chmod 755 "$WORK"

# 1. The origin with perfkit's response cache.
java -Xmx512m -cp "$ROOT/perf-benchmarks/target/benchmarks.jar" dev.perfkit.benchmarks.http.CachedOriginServer \
  > "$WORK/origin.out" 2>&1 &
JAVA_PID=$!
VARNISH_PID=
cleanup() {
  [ -n "$VARNISH_PID" ] && kill "$VARNISH_PID" 2>/dev/null || true
  kill "$JAVA_PID" 2>/dev/null || true
}
trap cleanup EXIT
for _ in $(seq 1 200); do grep -q "listening on" "$WORK/origin.out" && break; sleep 0.1; done
JPORT=$(awk '/listening on/ {print $3}' "$WORK/origin.out")
[ -n "$JPORT" ] || { cat "$WORK/origin.out" >&2; exit 1; }

# 2. Varnish in front of it: a plain cache of what the origin's headers allow (public, max-age=3600).
VPORT=$(free_port)
cat > "$WORK/bench.vcl" <<VCL
vcl 4.1;
backend app { .host = "127.0.0.1"; .port = "$JPORT"; }
sub vcl_deliver {
  if (obj.hits > 0) { set resp.http.X-Cache = "HIT"; } else { set resp.http.X-Cache = "MISS"; }
}
VCL
chmod 644 "$WORK/bench.vcl"
"$VARNISHD" -F -n "$WORK/n" -a "127.0.0.1:$VPORT" -T 127.0.0.1:0 -f "$WORK/bench.vcl" -s malloc,64m \
  -p vsl_space=1m > "$WORK/varnishd.log" 2>&1 &
VARNISH_PID=$!
for _ in $(seq 1 300); do curl -s -o /dev/null "http://127.0.0.1:$VPORT/categories/1" && break; sleep 0.1; done

URL_P="http://127.0.0.1:$JPORT/categories/1"
URL_V="http://127.0.0.1:$VPORT/categories/1"
show() { curl -s -o /dev/null -D - "$1" | tr -d '\r' | grep -i -E '^(HTTP|content-length|age|x-cache|cache-control)' | tr '\n' ' '; echo; }
curl -s -o /dev/null "$URL_P"; curl -s -o /dev/null "$URL_V"
echo "perfkit: $(show "$URL_P")"
echo "varnish: $(show "$URL_V")"
curl -s -D - -o /dev/null "$URL_V" | tr -d '\r' | grep -q '^X-Cache: HIT' || { echo "Varnish does not hit" >&2; exit 1; }

rps() { wrk -t"$THREADS" -c"$CONNECTIONS" -d"$1" "$2" | awk '/Requests\/sec/ {print $2}'; }
# Warm both (JIT for Jetty), then measure under the machine-wide benchmark lock.
rps "$WARMUP" "$URL_P" >/dev/null
rps 2s "$URL_V" >/dev/null
exec 9>/tmp/perfkit-bench.lock
flock 9
V=(); P=()
for _ in $(seq 1 "$ROUNDS"); do  # interleaved rounds, medians: the machine is shared
  V+=("$(rps "$DURATION" "$URL_V")")
  P+=("$(rps "$DURATION" "$URL_P")")
done
flock -u 9
python3 - "$ROUNDS" "${V[@]}" "${P[@]}" <<'PY'
import statistics, sys
n = int(sys.argv[1])
v = list(map(float, sys.argv[2:]))
vr, pr = v[:n], v[n:]
vm, pm = statistics.median(vr), statistics.median(pr)
print("varnish (cache hit) req/s: " + " ".join(f"{x:.0f}" for x in vr) + f" (median {vm:.0f})")
print("perfkit ResponseCacheFilter on Jetty (cache hit) req/s: " + " ".join(f"{x:.0f}" for x in pr) + f" (median {pm:.0f})")
print(f"ratio perfkit/varnish (medians): {pm / vm:.3f} (target >= 0.5): {'PASS' if pm / vm >= 0.5 else 'FAIL'}")
sys.exit(0 if pm / vm >= 0.5 else 1)
PY
