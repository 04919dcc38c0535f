#!/bin/bash
# kubernetes-on-loopback.sh - a real Kubernetes control plane on 127.0.0.1 for the operator's end-to-end
# tests: etcd + kube-apiserver (RBAC, service-account tokens) + kube-controller-manager (PV/PVC binding,
# garbage collection, namespace deletion, service-account tokens), with kubectl, kustomize and helm beside them.
# No kubelet and no container runtime: Deployments are accepted but no pod ever runs; the operator runs as
# its own process from its jar, with a kubeconfig for its ServiceAccount (see `sa-kubeconfig`).
#
#   usage: e2e/kubernetes-on-loopback.sh [build|start|stop|restart|status|env|sa-kubeconfig|purge]
#     build     build the pinned binaries from their Go modules (e2e/kubernetes/go.mod, .../kustomize/go.mod,
#               .../helm/go.mod) into $KOL_CACHE/<hash of the pins>/bin, once per pin set; a cached set is reused
#               (helm is built into that directory on its own when only it is missing or its pins changed)
#     start     build if needed, generate certificates and keys (once per state dir), start etcd,
#               kube-apiserver and kube-controller-manager, wait until the API is ready and the
#               controllers work, write $KOL_STATE/admin.kubeconfig. Idempotent.
#     stop      stop only the processes this script started (PID files under $KOL_STATE/run)
#     status    PIDs and health; exit 1 when anything is down
#     env       print `export` lines: KUBECONFIG/E2E_KUBECONFIG (admin), KUBECTL, KUSTOMIZE, HELM, PATH
#     sa-kubeconfig NAMESPACE SERVICEACCOUNT FILE
#               write a kubeconfig that authenticates as that ServiceAccount (a `kubectl create token`
#               token, 24 h), so what it may do is exactly what RBAC grants it
#     purge     stop, then delete $KOL_STATE. The binary cache stays.
#
# Tunables (environment):
#   KOL_STATE (/var/tmp/kubernetes-e2e)   certificates, etcd data, logs, PID files, kubeconfigs
#   KOL_CACHE (${XDG_CACHE_HOME:-$HOME/.cache}/openstack-snapshot-operator/kubernetes)   built binaries
#   KOL_API_PORT (6443) KOL_ETCD_PORT (23790) KOL_ETCD_PEER_PORT (23800) KOL_KCM_PORT (10257)
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
S=${KOL_STATE:-/var/tmp/kubernetes-e2e}
CACHE=${KOL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/openstack-snapshot-operator/kubernetes}
API_PORT=${KOL_API_PORT:-6443}
ETCD_PORT=${KOL_ETCD_PORT:-23790}
ETCD_PEER_PORT=${KOL_ETCD_PEER_PORT:-23800}
KCM_PORT=${KOL_KCM_PORT:-10257}
MODULES=$HERE/kubernetes
API_URL=https://127.0.0.1:$API_PORT
export GOTOOLCHAIN=local GOFLAGS=-mod=mod

# --- timing: every line carries the seconds since the script started; each phase its own duration
us() { local t=${EPOCHREALTIME/[.,]/}; echo "${t#0}"; }
T0=$(us)
secs() { local d=$(( $2 - $1 )); printf '%d.%01d' $(( d / 1000000 )) $(( d % 1000000 / 100000 )); }
log() { printf '[%6ss] %s\n' "$(secs "$T0" "$(us)")" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
PHASE="" PHASE_T=0 PHASES=()
phase() { # phase NAME: closes the running phase, opens NAME ("" closes only)
  local now; now=$(us)
  [ -z "$PHASE" ] || { PHASES+=("$(printf '%-10s %6ss' "$PHASE" "$(secs "$PHASE_T" "$now")")"); log "phase $PHASE took $(secs "$PHASE_T" "$now")s"; }
  PHASE=$1 PHASE_T=$now
  [ -z "$PHASE" ] || log "--- phase $PHASE"
}
phase_summary() {
  phase ""
  echo "=== phase timings ($1) ===" >&2; printf '  %s\n' "${PHASES[@]}" >&2
  printf '  %-10s %6ss\n' total "$(secs "$T0" "$(us)")" >&2
  [ ! -d "$S" ] || printf '%s\n' "${PHASES[@]}" > "$S/timings.$1"
}

# --- binaries: one directory per pin set, so changing a pin rebuilds and nothing else does
pins_hash() { cat "$MODULES/go.mod" "$MODULES/go.sum" "$MODULES/kustomize/go.mod" "$MODULES/kustomize/go.sum" | sha256sum | cut -c1-16; }
BIN=$CACHE/$(pins_hash)/bin
TOOLS="etcd kube-apiserver kube-controller-manager kubectl kustomize"
pinned() { (cd "$2" && go list -m -f '{{.Version}}' "$1"); }   # pinned MODULE DIR: the version DIR's go.mod requires
# helm is pinned apart (its own module) and kept out of pins_hash, so adding or bumping it rebuilds only helm.
helm_pins() { cat "$MODULES/helm/go.mod" "$MODULES/helm/go.sum" | sha256sum | cut -c1-16; }
helm_built() { [ -x "$BIN/helm" ] && [ "$(cat "$BIN/helm.pins" 2>/dev/null)" = "$(helm_pins)" ]; }
control_plane_built() { local t; for t in $TOOLS; do [ -x "$BIN/$t" ] || return 1; done; }
built() { control_plane_built && helm_built; }

# download_pins DIR: fetch what DIR/go.mod pins. A module the proxy will not serve fails with one line naming it
# (go prints "go: MODULE@VERSION: REASON" among other lines; that line is the one that matters).
download_pins() {
  local out first
  if ! out=$(cd "$1" && go mod download 2>&1); then
    first=$(printf '%s\n' "$out" | grep -m1 -E '^go: [^ ]+@[^ ]+: ' || printf '%s\n' "$out" | tail -n 1)
    die "the Go module proxy ($(go env GOPROXY)) did not serve ${first#go: } (pinned in $1/go.mod)"
  fi
}

build_helm() { # DIR: builds helm from e2e/kubernetes/helm into DIR
  download_pins "$MODULES/helm"
  log "building helm $(pinned helm.sh/helm/v3 "$MODULES/helm")"
  ( cd "$MODULES/helm" && go build -ldflags=-s -o "$1/helm" helm.sh/helm/v3/cmd/helm ) \
    || die "go build of helm failed (module $MODULES/helm)"
  helm_pins > "$1/helm.pins"
}

do_build() {
  if built; then log "binaries cached in $BIN"; return 0; fi
  if control_plane_built; then build_helm "$BIN"; log "built: $(cd "$BIN" && ls | tr '\n' ' ')"; return 0; fi
  command -v go >/dev/null || die "no Go toolchain on PATH: install Go >= $(sed -n 's/^go //p' "$MODULES/go.mod") (the binaries are built from Go modules)"
  local need have
  need=$(sed -n 's/^go //p' "$MODULES/go.mod"); have=$(go env GOVERSION | sed 's/^go//')
  [ "$(printf '%s\n%s\n' "$need" "$have" | sort -V | head -1)" = "$need" ] || die "Go $have is older than the $need that $MODULES/go.mod needs"
  mkdir -p "$BIN.tmp"
  download_pins "$MODULES"
  log "building etcd, kube-apiserver, kube-controller-manager, kubectl (k8s.io/kubernetes $(pinned k8s.io/kubernetes "$MODULES")) into $BIN"
  # A release build stamps its version (hack/lib/version.sh); without it the server reports v0.0.0-master and
  # kubectl refuses to parse it. Only the link step reads -X, so the compile cache stays valid.
  local v ldflags
  v=$(pinned k8s.io/kubernetes "$MODULES"); v=${v#v}
  for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    ldflags+=" -X $pkg.gitVersion=v$v -X $pkg.gitMajor=${v%%.*} -X $pkg.gitMinor=$(echo "$v" | cut -d. -f2)"
    ldflags+=" -X $pkg.gitTreeState=clean -X $pkg.buildDate=1970-01-01T00:00:00Z"
  done
  ( cd "$MODULES" && go build -ldflags="-s$ldflags" -o "$BIN.tmp/" go.etcd.io/etcd/server/v3 \
      k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kube-controller-manager k8s.io/kubernetes/cmd/kubectl ) \
    || die "go build of the control plane failed (module $MODULES)"
  mv "$BIN.tmp/server" "$BIN.tmp/etcd"   # go names the binary of go.etcd.io/etcd/server/v3 "server"
  download_pins "$MODULES/kustomize"
  log "building kustomize $(pinned sigs.k8s.io/kustomize/kustomize/v5 "$MODULES/kustomize")"
  ( cd "$MODULES/kustomize" && go build -ldflags=-s -o "$BIN.tmp/kustomize" sigs.k8s.io/kustomize/kustomize/v5 ) \
    || die "go build of kustomize failed (module $MODULES/kustomize)"
  build_helm "$BIN.tmp"
  rm -rf "$BIN"; mv "$BIN.tmp" "$BIN"
  log "built: $(cd "$BIN" && ls | tr '\n' ' ')"
}

# --- processes (the same conventions as openstack-on-loopback.sh)
# A PID file alone could name an unrelated process after a reboot (PIDs are reused): a process counts
# as ours only while its start time (field 22 of /proc/PID/stat) is the one recorded at spawn.
starttime() { local st; st=$(cat "/proc/$1/stat" 2>/dev/null) || return 1; st=${st##*) }; set -- $st; echo "${20}"; }
alive() {
  local f=$S/run/$1.pid pid
  [ -s "$f" ] && [ -s "$S/run/$1.start" ] || return 1
  pid=$(cat "$f"); kill -0 "$pid" 2>/dev/null && [ "$(starttime "$pid")" = "$(cat "$S/run/$1.start")" ]
}
spawn() { # spawn NAME CMD... : start CMD in its own session, its PID file written by the child itself
  local name=$1; shift
  if alive "$name"; then log "$name already running (pid $(cat "$S/run/$name.pid"))"; return 0; fi
  rm -f "$S/run/$name.pid" "$S/run/$name.start"
  setsid bash -c 'echo $$ > "$0"; exec "$@"' "$S/run/$name.pid" "$@" </dev/null >>"$S/log/$name.log" 2>&1 &
  for _ in $(seq 1 50); do [ -s "$S/run/$name.pid" ] && break; sleep 0.1; done
  [ -s "$S/run/$name.pid" ] || die "$name did not start (see $S/log/$name.log)"
  starttime "$(cat "$S/run/$name.pid")" > "$S/run/$name.start" || die "$name exited at once (see $S/log/$name.log)"
  log "started $name (pid $(cat "$S/run/$name.pid"))"
}
port_free_or_ours() { # name port
  if ss -Hltn "sport = :$2" 2>/dev/null | grep -q . && ! alive "$1"; then
    die "port $2 is in use by a process this script did not start (needed by $1); choose another with KOL_*_PORT"
  fi
}
wait_for() { # wait_for DESCRIPTION TIMEOUT-SECONDS PROCESS-NAME COMMAND...
  local _what=$1 _timeout=$2 _proc=$3; shift 3
  local _end=$(( $(date +%s) + _timeout ))
  until "$@" >/dev/null 2>&1; do
    alive "$_proc" || { tail -n 20 "$S/log/$_proc.log" >&2; die "$_proc exited while waiting for $_what (log: $S/log/$_proc.log)"; }
    [ "$(date +%s)" -lt "$_end" ] || die "timeout after ${_timeout}s waiting for $_what (log: $S/log/$_proc.log)"
    sleep 0.2
  done
  log "$_what ready"
}

# --- certificates: a CA, the API server's serving certificate, client certificates for the admin and the
# controller manager, and the service-account signing key pair. Made once per state dir.
cert() { # cert NAME SUBJECT [SAN]: a key and a certificate signed by the CA
  local name=$1 subj=$2 san=${3:-}
  openssl req -new -newkey rsa:2048 -nodes -keyout "$S/pki/$name.key" -subj "$subj" -out "$S/pki/$name.csr" 2>/dev/null
  local ext=$S/pki/$name.ext
  if [ -n "$san" ]; then printf 'subjectAltName=%s\nextendedKeyUsage=serverAuth,clientAuth\n' "$san" > "$ext"
  else printf 'extendedKeyUsage=clientAuth\n' > "$ext"; fi
  openssl x509 -req -in "$S/pki/$name.csr" -CA "$S/pki/ca.crt" -CAkey "$S/pki/ca.key" -CAcreateserial \
    -days 365 -extfile "$ext" -out "$S/pki/$name.crt" 2>/dev/null
  rm -f "$S/pki/$name.csr" "$ext"
}
make_pki() {
  [ -s "$S/pki/sa.pub" ] && return 0
  command -v openssl >/dev/null || die "openssl is missing (needed for the control plane's certificates)"
  mkdir -p "$S/pki"; chmod 700 "$S/pki"
  openssl req -x509 -new -newkey rsa:2048 -nodes -keyout "$S/pki/ca.key" -subj "/CN=kubernetes-on-loopback-ca" \
    -days 365 -out "$S/pki/ca.crt" 2>/dev/null
  cert apiserver "/CN=kube-apiserver" \
    "DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,IP:127.0.0.1,IP:10.96.0.1"
  cert admin "/O=system:masters/CN=kubernetes-admin"
  cert kube-controller-manager "/CN=system:kube-controller-manager"
  openssl genrsa -out "$S/pki/sa.key" 2048 2>/dev/null
  openssl rsa -in "$S/pki/sa.key" -pubout -out "$S/pki/sa.pub" 2>/dev/null
  log "certificates and service-account keys in $S/pki"
}
kubeconfig() { # kubeconfig FILE USER CERT-NAME
  cat > "$1" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: loopback
  cluster: {server: "$API_URL", certificate-authority: "$S/pki/ca.crt"}
users:
- name: $2
  user: {client-certificate: "$S/pki/$3.crt", client-key: "$S/pki/$3.key"}
contexts:
- name: $2@loopback
  context: {cluster: loopback, user: $2, namespace: default}
current-context: $2@loopback
EOF
  chmod 600 "$1"
}

k() { "$BIN/kubectl" --kubeconfig "$S/admin.kubeconfig" "$@"; }

do_start() {
  phase build; do_build
  phase start
  mkdir -p "$S/run" "$S/log" "$S/etcd"; chmod 700 "$S/etcd"
  make_pki
  kubeconfig "$S/admin.kubeconfig" kubernetes-admin admin
  kubeconfig "$S/kube-controller-manager.kubeconfig" system:kube-controller-manager kube-controller-manager
  port_free_or_ours etcd "$ETCD_PORT"; port_free_or_ours etcd "$ETCD_PEER_PORT"
  port_free_or_ours kube-apiserver "$API_PORT"; port_free_or_ours kube-controller-manager "$KCM_PORT"

  spawn etcd "$BIN/etcd" --name loopback --data-dir "$S/etcd" \
    --listen-client-urls "http://127.0.0.1:$ETCD_PORT" --advertise-client-urls "http://127.0.0.1:$ETCD_PORT" \
    --listen-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" --initial-advertise-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" \
    --initial-cluster "loopback=http://127.0.0.1:$ETCD_PEER_PORT" --unsafe-no-fsync --log-level warn
  wait_for etcd 20 etcd curl -sf "http://127.0.0.1:$ETCD_PORT/health"

  spawn kube-apiserver "$BIN/kube-apiserver" \
    --etcd-servers "http://127.0.0.1:$ETCD_PORT" \
    --bind-address 127.0.0.1 --advertise-address 127.0.0.1 --secure-port "$API_PORT" \
    --tls-cert-file "$S/pki/apiserver.crt" --tls-private-key-file "$S/pki/apiserver.key" \
    --client-ca-file "$S/pki/ca.crt" \
    --authorization-mode Node,RBAC \
    --service-account-issuer https://kubernetes.default.svc.cluster.local \
    --service-account-key-file "$S/pki/sa.pub" --service-account-signing-key-file "$S/pki/sa.key" \
    --api-audiences https://kubernetes.default.svc.cluster.local \
    --service-cluster-ip-range 10.96.0.0/16 \
    --cert-dir "$S/pki/apiserver-generated" \
    --profiling=false --v 1
  wait_for kube-apiserver 60 kube-apiserver curl -sf --cacert "$S/pki/ca.crt" \
    --cert "$S/pki/admin.crt" --key "$S/pki/admin.key" "$API_URL/readyz"

  spawn kube-controller-manager "$BIN/kube-controller-manager" \
    --kubeconfig "$S/kube-controller-manager.kubeconfig" \
    --authentication-kubeconfig "$S/kube-controller-manager.kubeconfig" \
    --authorization-kubeconfig "$S/kube-controller-manager.kubeconfig" \
    --bind-address 127.0.0.1 --secure-port "$KCM_PORT" --cert-dir "$S/pki/kcm-generated" \
    --service-account-private-key-file "$S/pki/sa.key" --root-ca-file "$S/pki/ca.crt" \
    --use-service-account-credentials --leader-elect=false --profiling=false --v 1
  wait_for kube-controller-manager 60 kube-controller-manager curl -sfk "https://127.0.0.1:$KCM_PORT/healthz"
  # The controllers really work once the service-account controller has made the default namespace's account.
  wait_for "controllers (default/default ServiceAccount)" 60 kube-controller-manager k get serviceaccount default -n default
  phase_summary start
  echo "KUBECONFIG=$S/admin.kubeconfig  (eval \"\$($0 env)\" exports it with kubectl and kustomize on PATH)"
}

do_stop() { # TERM in reverse order, KILL after 20 s
  local name pid
  for name in kube-controller-manager kube-apiserver etcd; do
    if alive "$name"; then
      pid=$(cat "$S/run/$name.pid"); kill -TERM "$pid" 2>/dev/null || true
      for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
      if kill -0 "$pid" 2>/dev/null; then log "$name did not stop in 20 s: KILL"; kill -KILL "$pid" 2>/dev/null || true; fi
      log "stopped $name (pid $pid)"
    fi
    rm -f "$S/run/$name.pid" "$S/run/$name.start"
  done
}

do_status() {
  local name rc=0
  for name in etcd kube-apiserver kube-controller-manager; do
    if alive "$name"; then printf '%-24s running pid %s\n' "$name" "$(cat "$S/run/$name.pid")"
    else printf '%-24s STOPPED\n' "$name"; rc=1; fi
  done
  if built && k get --raw /readyz >/dev/null 2>&1; then echo "kube-apiserver $API_URL ready"
  else echo "kube-apiserver $API_URL NOT READY"; rc=1; fi
  return $rc
}

print_env() {
  built || die "binaries not built yet: run $0 build (or start)"
  cat <<EOF
export KUBECONFIG=$S/admin.kubeconfig
export E2E_KUBECONFIG=$S/admin.kubeconfig
export KUBECTL=$BIN/kubectl
export KUSTOMIZE=$BIN/kustomize
export HELM=$BIN/helm
export PATH=$BIN:\$PATH
EOF
}

sa_kubeconfig() { # NAMESPACE SERVICEACCOUNT FILE
  [ $# = 3 ] || die "usage: $0 sa-kubeconfig NAMESPACE SERVICEACCOUNT FILE"
  local token
  token=$(k create token "$2" -n "$1" --duration 24h) || die "could not create a token for ServiceAccount $1/$2"
  cat > "$3" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: loopback
  cluster: {server: "$API_URL", certificate-authority: "$S/pki/ca.crt"}
users:
- name: $1-$2
  user: {token: "$token"}
contexts:
- name: $1-$2@loopback
  context: {cluster: loopback, user: $1-$2, namespace: $1}
current-context: $1-$2@loopback
EOF
  chmod 600 "$3"
  log "kubeconfig for ServiceAccount $1/$2 in $3"
}

case "${1:-start}" in
  build)    phase build; do_build; phase_summary build ;;
  start)    do_start ;;
  stop)     phase stop; do_stop; phase_summary stop ;;
  restart)  phase stop; do_stop; phase ""; do_start ;;
  status)   do_status ;;
  env)      print_env ;;
  sa-kubeconfig) shift; sa_kubeconfig "$@" ;;
  purge)    phase stop; do_stop; phase ""; rm -rf "$S"; log "removed $S" ;;
  *) echo "usage: $0 [build|start|stop|restart|status|env|sa-kubeconfig NS SA FILE|purge]" >&2; exit 2 ;;
esac
