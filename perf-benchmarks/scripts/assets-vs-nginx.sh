#!/usr/bin/env bash
# Serving a precompressed asset: perf-assets' AssetServlet on Jetty (the CLI's `serve`) vs nginx gzip_static,
# same file, same machine, one run, wrk on loopback. Prints both throughputs and the ratio (target >= 0.5).
# Needs: nginx, wrk (apt-get install -y nginx wrk), npm; run from the repository root after
#   ./mvnw -B -q -pl perf-benchmarks,perf-assets -am package -DskipTests
# nginx runs with its own config, pid and logs under perf-benchmarks/target/nginx, on a free loopback port.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$ROOT/perf-benchmarks/target/real-assets
NGX=$ROOT/perf-benchmarks/target/nginx
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
ENCODING=${ENCODING:-gzip}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# 1. Real assets through the perfkit pipeline (writes $WORK/out with .gz/.br/.zst next to each file).
java -cp "$ROOT/perf-benchmarks/target/benchmarks.jar" dev.perfkit.benchmarks.assets.CompressionSizes "$WORK" >/dev/null
FILE=$(cd "$WORK/out" && ls react-dom.production.min-*.js | head -1)
test -f "$WORK/out/$FILE.gz"

# 2. nginx with gzip_static on the same folder.
mkdir -p "$NGX/logs" "$NGX/tmp"
NPORT=$(free_port)
cat > "$NGX/nginx.conf" <<CONF
worker_processes 2;
pid $NGX/nginx.pid;
error_log $NGX/logs/error.log warn;
user root;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  client_body_temp_path $NGX/tmp/body;
  proxy_temp_path $NGX/tmp/proxy;
  fastcgi_temp_path $NGX/tmp/fastcgi;
  uwsgi_temp_path $NGX/tmp/uwsgi;
  scgi_temp_path $NGX/tmp/scgi;
  types { text/javascript js; }
  server {
    listen 127.0.0.1:$NPORT;
    root $WORK/out;
    gzip_static on;
    etag on;
    location / { add_header Cache-Control "public, max-age=31536000, immutable"; }
  }
}
CONF
nginx -p "$NGX" -c "$NGX/nginx.conf"
NGINX_PID=$(cat "$NGX/nginx.pid")

# 3. The perfkit CLI server on the same folder.
JPORT=$(free_port)
java -jar "$ROOT/perf-assets/target/perf-assets-cli.jar" serve --dir "$WORK/out" --port "$JPORT" > "$NGX/jetty.out" 2>&1 &
JAVA_PID=$!
cleanup() { kill "$JAVA_PID" 2>/dev/null || true; kill "$NGINX_PID" 2>/dev/null || true; }
trap cleanup EXIT
for _ in $(seq 1 100); do grep -q "listening on" "$NGX/jetty.out" && break; sleep 0.1; done

check() { curl -s -o /dev/null -D - -H "Accept-Encoding: $ENCODING" "$1" | tr -d '\r' | grep -i -E '^(HTTP|content-encoding|content-length)'; }
echo "file: $FILE ($(stat -c %s "$WORK/out/$FILE") bytes, $(stat -c %s "$WORK/out/$FILE.gz") gzip)"
echo "nginx:";  check "http://127.0.0.1:$NPORT/$FILE"
echo "perfkit:"; check "http://127.0.0.1:$JPORT/$FILE"

rps() { wrk -t"$THREADS" -c"$CONNECTIONS" -d"$1" -H "Accept-Encoding: $ENCODING" "$2" | awk '/Requests\/sec/ {print $2}'; }
# Warm both (JIT for Jetty), then measure under the machine-wide benchmark lock.
rps 5s "http://127.0.0.1:$JPORT/$FILE" >/dev/null
rps 2s "http://127.0.0.1:$NPORT/$FILE" >/dev/null
exec 9>/tmp/perfkit-bench.lock
flock 9
N=(); P=()
for _ in 1 2 3; do  # interleaved rounds, medians: the machine is shared
  N+=("$(rps "$DURATION" "http://127.0.0.1:$NPORT/$FILE")")
  P+=("$(rps "$DURATION" "http://127.0.0.1:$JPORT/$FILE")")
done
flock -u 9
python3 - "${N[@]}" "${P[@]}" <<'PY'
import statistics, sys
v = list(map(float, sys.argv[1:]))
n, p = v[:3], v[3:]
nm, pm = statistics.median(n), statistics.median(p)
print("nginx gzip_static req/s: " + " ".join(f"{x:.0f}" for x in n) + f" (median {nm:.0f})")
print("perfkit AssetServlet on Jetty req/s: " + " ".join(f"{x:.0f}" for x in p) + f" (median {pm:.0f})")
print(f"ratio perfkit/nginx (medians): {pm / nm:.3f} (target >= 0.5): {'PASS' if pm / nm >= 0.5 else 'FAIL'}")
sys.exit(0 if pm / nm >= 0.5 else 1)
PY
