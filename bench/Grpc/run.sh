#!/usr/bin/env bash
# gRPC load benchmark: the VetActors interop server (tests/InteropServer, Release) against a C++ gRPC
# server (Cpp/, callback API, Debian's libgrpc++) and a bare Kestrel h2c endpoint (BareKestrel/) that
# answers a gRPC-shaped empty reply without any gRPC work. h2load drives each with unary EmptyCall and
# a 1 KiB UnaryCall (1 KiB payload in, response_size 1024 out) and the script prints requests/s,
# p50/p99 latency, the server's CPU time per request (its CPU seconds over the measured period divided by
# the requests served: less sensitive than requests/s to other work on the machine) and the ratios.
#
# Usage: bash bench/Grpc/run.sh
# Environment (defaults in brackets): DURATION seconds per measurement [10], WARMUP seconds [2],
# PREHEAT seconds of unmeasured load per case on each freshly started server [15] (a .NET server's hot path
# is still quick-JIT code for the first ~10 s under full load, and whichever case ran first paid for it),
# ROUNDS measurements per server and case, the best kept (the machine may be shared) [1],
# CONNECTIONS [16], STREAMS per connection [32], SERVER_CPUS the server is pinned to [0],
# LOAD_CPUS h2load is pinned to [1], SERVERS to run [ours cpp bare], CASES [empty unary_1k].
# Every step is bounded in time; servers are stopped on exit.
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$(pwd)
here="$repo/bench/Grpc"

DURATION=${DURATION:-10}
WARMUP=${WARMUP:-2}
PREHEAT=${PREHEAT:-15}
ROUNDS=${ROUNDS:-1}
CONNECTIONS=${CONNECTIONS:-16}
STREAMS=${STREAMS:-32}
SERVER_CPUS=${SERVER_CPUS:-0}
LOAD_CPUS=${LOAD_CPUS:-1}
read -r -a servers <<<"${SERVERS:-ours cpp bare}"
read -r -a cases <<<"${CASES:-empty unary_1k}"

# --- tools (installed here, not by scripts/deps.sh: the test suite never needs them) ----------------
apt_packages=(nghttp2-client g++ pkg-config libgrpc++-dev libprotobuf-dev protobuf-compiler protobuf-compiler-grpc)
missing=()
for p in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "Installing Debian packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

protos="$repo/tests/InteropServer/Protos"

# --- builds --------------------------------------------------------------------------------------
cpp_out="$here/Cpp/obj"
cpp_server="$cpp_out/test_service_server"
if [[ " ${servers[*]} " == *" cpp "* ]]; then
  if [ ! -x "$cpp_server" ] || [ -n "$(find "$here/Cpp" "$protos" -newer "$cpp_server" \( -name '*.cc' -o -name '*.proto' \) -not -path '*/obj/*' | head -1)" ]; then
    echo "Building the C++ server"
    mkdir -p "$cpp_out"
    protoc -I"$protos" --cpp_out="$cpp_out" --grpc_out="$cpp_out" --plugin=protoc-gen-grpc="$(command -v grpc_cpp_plugin)" \
      grpc/testing/test.proto grpc/testing/messages.proto grpc/testing/empty.proto
    # shellcheck disable=SC2046 # pkg-config prints several flags on purpose
    timeout 600 g++ -O2 -DNDEBUG -std=c++17 -I"$cpp_out" "$here/Cpp/test_service_server.cc" "$cpp_out"/grpc/testing/*.pb.cc \
      -o "$cpp_server" $(pkg-config --cflags --libs grpc++ protobuf)
  fi
fi
for project in tests/InteropServer/VetActors.InteropServer.csproj bench/Grpc/BareKestrel/VetActors.Bench.BareKestrel.csproj; do
  name=$(basename "$project" .csproj)
  case "$name" in
    *InteropServer) [[ " ${servers[*]} " == *" ours "* ]] || continue ;;
    *BareKestrel) [[ " ${servers[*]} " == *" bare "* ]] || continue ;;
  esac
  echo "Building $name (Release)"
  timeout 600 dotnet build -c Release --nologo -v q "$project" >"$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
done

# --- request bodies: the 5-byte gRPC prefix (flag 0, big-endian length) then the message ----------
frame() { # frame IN OUT
  local n
  n=$(stat -c %s "$1")
  printf "\\x00\\x$(printf %02x $((n >> 24 & 255)))\\x$(printf %02x $((n >> 16 & 255)))\\x$(printf %02x $((n >> 8 & 255)))\\x$(printf %02x $((n & 255)))" >"$2"
  cat "$1" >>"$2"
}
: >"$work/empty.pb"
frame "$work/empty.pb" "$work/empty.body"
zeros=$(head -c 1024 /dev/zero | od -An -v -tx1 | tr -d ' \n' | sed 's/\(..\)/\\x\1/g')
printf 'response_size: 1024 payload { body: "%s" }' "$zeros" |
  protoc -I"$protos" --encode=grpc.testing.SimpleRequest grpc/testing/messages.proto >"$work/unary_1k.pb"
frame "$work/unary_1k.pb" "$work/unary_1k.body"

# --- servers --------------------------------------------------------------------------------------
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

start_server() { # start_server NAME PORT -> sets server_pid
  local name=$1 port=$2 out="$work/$1.out"
  case "$name" in
    ours) taskset -c "$SERVER_CPUS" dotnet "$repo/tests/InteropServer/bin/Release/net10.0/VetActors.InteropServer.dll" --port="$port" >"$out" 2>&1 & ;;
    cpp) taskset -c "$SERVER_CPUS" "$cpp_server" "$port" >"$out" 2>&1 & ;;
    bare) DOTNET_gcServer=1 taskset -c "$SERVER_CPUS" dotnet "$repo/bench/Grpc/BareKestrel/bin/Release/net10.0/VetActors.Bench.BareKestrel.dll" --port="$port" >"$out" 2>&1 & ;;
  esac
  server_pid=$!
  pids+=("$server_pid")
  for _ in $(seq 1 300); do
    grep -q "listening on" "$out" 2>/dev/null && return 0
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.1
  done
  echo "server $name did not start:"; cat "$out"; exit 1
}

# Before loading a real gRPC server, prove it answers correctly (h2load only sees HTTP statuses).
check_server() { # check_server NAME PORT
  [ "$1" = bare ] && return 0
  [ -x /usr/bin/python3 ] && /usr/bin/python3 -c 'import grpc' 2>/dev/null || { echo "(python3-grpcio missing: run scripts/deps.sh to check answers)"; return 0; }
  timeout 60 /usr/bin/python3 "$repo/tests/Interop/python/interop_client.py" --server_port="$2" \
    --test_case=empty_unary,large_unary >"$work/check.out" 2>&1 || { echo "server $1 answers wrongly:"; cat "$work/check.out"; exit 1; }
}

declare -A rps p50 p99 cpu
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; } # utime + stime of a process
run_load() { # run_load SERVER CASE PORT: ROUNDS measurements, the best one kept
  local round
  for round in $(seq 1 "$ROUNDS"); do measure "$@"; done
  printf '  %-5s %-9s %10.0f req/s  p50 %7s ms  p99 %7s ms  CPU %6s us/req  (best of %s)\n' "$1" "$2" "${rps[$1,$2]}" \
    "${p50[$1,$2]}" "${p99[$1,$2]}" "${cpu[$1,$2]}" "$ROUNDS"
}

method_path() { # method_path CASE
  case "$1" in
    empty) echo /grpc.testing.TestService/EmptyCall ;;
    unary_1k) echo /grpc.testing.TestService/UnaryCall ;;
  esac
}

preheat() { # preheat PORT: every case, unmeasured, so no measured case runs on code the runtime has not tiered up yet
  local case
  [ "$PREHEAT" -gt 0 ] || return 0
  for case in "${cases[@]}"; do
    timeout $((PREHEAT + 60)) taskset -c "$LOAD_CPUS" h2load -c "$CONNECTIONS" -m "$STREAMS" -D "$PREHEAT" \
      -d "$work/$case.body" -H 'content-type: application/grpc' -H 'te: trailers' \
      "http://127.0.0.1:$1$(method_path "$case")" >/dev/null 2>&1 || true
  done
}

measure() { # measure SERVER CASE PORT
  local server=$1 case=$2 port=$3 path log="$work/$1-$2.log" out="$work/$1-$2.out"
  path=$(method_path "$case")
  timeout $((DURATION + WARMUP + 60)) taskset -c "$LOAD_CPUS" h2load -c "$CONNECTIONS" -m "$STREAMS" \
    -D "$DURATION" --warm-up-time="$WARMUP" -d "$work/$case.body" \
    -H 'content-type: application/grpc' -H 'te: trailers' --log-file="$log" \
    "http://127.0.0.1:$port$path" >"$out" 2>&1 &
  local load_pid=$! t0 t1
  # The server's CPU time is read from the end of the warm-up to the end of the measurement.
  sleep "$WARMUP"
  t0=$(cpu_ticks "$server_pid")
  wait "$load_pid" || { echo "h2load failed on $server $case:"; cat "$out"; exit 1; }
  t1=$(cpu_ticks "$server_pid")
  local requests
  requests=$(grep -E '^requests:' "$out")
  if ! [[ "$requests" =~ ([0-9]+)\ succeeded,\ 0\ failed,\ 0\ errored,\ 0\ timeout ]]; then
    echo "errors under load on $server $case: $requests"; cat "$out"; exit 1
  fi
  if ! grep -qE '^status codes: [0-9]+ 2xx, 0 3xx, 0 4xx, 0 5xx' "$out"; then
    echo "non-2xx HTTP statuses on $server $case:"; cat "$out"; exit 1
  fi
  local measured l50 l99 per_request
  per_request=$(awk -v d=$((t1 - t0)) -v hz="$(getconf CLK_TCK)" -v n="${BASH_REMATCH[1]}" 'BEGIN { printf "%.2f", d / hz * 1e6 / n }')
  if [ -z "${cpu[$server,$case]:-}" ] || awk -v a="$per_request" -v b="${cpu[$server,$case]}" 'BEGIN { exit !(a < b) }'; then
    cpu[$server,$case]=$per_request
  fi
  measured=$(sed -nE 's/^finished in .*, ([0-9.]+) req\/s.*/\1/p' "$out")
  # h2load's log: start time, HTTP status, elapsed microseconds per request.
  read -r l50 l99 < <(cut -f3 "$log" | sort -n | awk '
    { v[NR] = $1 } END { i50 = int(NR * 0.50); i99 = int(NR * 0.99); if (i50 < 1) i50 = 1; if (i99 < 1) i99 = 1;
      printf "%.2f %.2f\n", v[i50] / 1000, v[i99] / 1000 }')
  if [ -z "${rps[$server,$case]:-}" ] || awk -v a="$measured" -v b="${rps[$server,$case]}" 'BEGIN { exit !(a > b) }'; then
    rps[$server,$case]=$measured p50[$server,$case]=$l50 p99[$server,$case]=$l99
  fi
}

echo "Load: h2load -c $CONNECTIONS -m $STREAMS, ${PREHEAT}s unmeasured per case per server, then ${WARMUP}s warm-up + ${DURATION}s, server on CPU $SERVER_CPUS, h2load on CPU $LOAD_CPUS"
# Figures are comparable only on an otherwise idle machine: say how busy it was.
echo "Machine load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for server in "${servers[@]}"; do
  port=$(free_port)
  start_server "$server" "$port"
  check_server "$server" "$port"
  preheat "$port"
  for case in "${cases[@]}"; do run_load "$server" "$case" "$port"; done
  kill "$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
done

echo "Machine load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

# --- table -----------------------------------------------------------------------------------------
ratio() { # ratio A B -> A/B or "-"
  if [ -n "${1:-}" ] && [ -n "${2:-}" ]; then awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; else echo "-"; fi
}
echo
printf '| %-8s | %-10s | %10s | %8s | %8s | %10s |\n' server case 'req/s' 'p50 ms' 'p99 ms' 'CPU us/req'
printf '|%s|%s|%s|%s|%s|%s|\n' ---------- ------------ ------------ ---------- ---------- ------------
for case in "${cases[@]}"; do
  for server in "${servers[@]}"; do
    printf '| %-8s | %-10s | %10.0f | %8s | %8s | %10s |\n' "$server" "$case" "${rps[$server,$case]}" "${p50[$server,$case]}" "${p99[$server,$case]}" "${cpu[$server,$case]}"
  done
done
if [[ " ${servers[*]} " == *" ours "* ]]; then
  echo
  printf '| %-10s | %-14s | %-15s | %-16s | %-17s |\n' case 'ours/C++ req/s' 'ours/bare req/s' 'ours/C++ p99' 'bare/ours CPU/req'
  printf '|%s|%s|%s|%s|%s|\n' ------------ ---------------- ----------------- ------------------ -------------------
  for case in "${cases[@]}"; do
    printf '| %-10s | %-14s | %-15s | %-16s | %-17s |\n' "$case" "$(ratio "${rps[ours,$case]:-}" "${rps[cpp,$case]:-}")" \
      "$(ratio "${rps[ours,$case]:-}" "${rps[bare,$case]:-}")" "$(ratio "${p99[ours,$case]:-}" "${p99[cpp,$case]:-}")" \
      "$(ratio "${cpu[bare,$case]:-}" "${cpu[ours,$case]:-}")"
  done
  echo "Targets: ours/C++ req/s >= 1.30, ours/bare req/s >= 0.80, ours/C++ p99 <= 1.00"
fi
