#!/bin/bash
# openstack-on-loopback.sh - real OpenStack Keystone + Cinder (block storage) on 127.0.0.1 for the
# operator's end-to-end tests, on Debian 12 (bookworm) as root, without systemd, docker or PyPI.
#
#   usage: e2e/openstack-on-loopback.sh [start|stop|restart|status|install|fixtures|env|purge]
#     start     install the Debian packages if missing, configure, start, wait until healthy, create the
#               test fixtures, write $OSL_STATE/clouds.yaml. Idempotent: running services are left alone.
#     stop      stop only the processes this script started (PID files under $OSL_STATE/run)
#     status    PIDs and health; exit 1 when anything is down
#     install   only the package phase
#     fixtures  only (re)create the e2e projects, user, application credential and clouds.yaml
#               (needs a running Keystone at $OSL_KEYSTONE_PORT; works against any stack whose admin
#               password is $OSL_ADMIN_PASSWORD)
#     env       print `export OS_...` lines for the admin user (also in $OSL_STATE/adminrc)
#     purge     stop, then delete $OSL_STATE (databases, keys, logs). Packages stay installed.
#
# Processes (each started with setsid, PGID == PID, PID file written by the child itself):
#   mariadbd :3306 | epmd :4369 + rabbitmq :5672 (dist :25672) | keystone (uwsgi) :5000
#   cinder-api :8776 | cinder-scheduler | cinder-volume (backend "fake": FakeLoggingVolumeDriver,
#   shipped in python3-cinder; no disks are touched). Everything binds 127.0.0.1 only.
#
# Tunables (environment):
#   OSL_STATE (/var/lib/openstack-e2e)   state, logs, PID files, clouds.yaml
#   OSL_KEYSTONE_PORT (5000) OSL_CINDER_PORT (8776) OSL_DB_PORT (3306)
#   OSL_RABBIT_PORT (5672) OSL_RABBIT_DIST_PORT (25672) OSL_EPMD_PORT (4369)
#   OSL_ADMIN_PASSWORD (secret) OSL_CINDER_PASSWORD (cinderpass) OSL_DB_PASSWORD (dbpass)
#   OSL_E2E_PASSWORD (e2epass)           password of the non-admin test user "e2e"
#   OSL_KEYSTONE_WORKERS (2) OSL_CINDER_API_WORKERS (1)
#   OSL_SKIP_INSTALL (unset; 1 = never call apt-get, fail if a package is missing)
set -euo pipefail

S=${OSL_STATE:-/var/lib/openstack-e2e}
KS_PORT=${OSL_KEYSTONE_PORT:-5000}
CINDER_PORT=${OSL_CINDER_PORT:-8776}
DB_PORT=${OSL_DB_PORT:-3306}
RABBIT_PORT=${OSL_RABBIT_PORT:-5672}
RABBIT_DIST_PORT=${OSL_RABBIT_DIST_PORT:-25672}
EPMD_PORT=${OSL_EPMD_PORT:-4369}
ADMIN_PASS=${OSL_ADMIN_PASSWORD:-secret}
CINDER_PASS=${OSL_CINDER_PASSWORD:-cinderpass}
DB_PASS=${OSL_DB_PASSWORD:-dbpass}
E2E_PASS=${OSL_E2E_PASSWORD:-e2epass}
KS_WORKERS=${OSL_KEYSTONE_WORKERS:-2}
CINDER_API_WORKERS=${OSL_CINDER_API_WORKERS:-1}
REGION=RegionOne
KS_URL=http://127.0.0.1:$KS_PORT/v3
CINDER_URL=http://127.0.0.1:$CINDER_PORT
POOL=loopback@fake#fake
PY=/usr/bin/python3   # Debian's python: a pyenv/venv python3 earlier on PATH has no OpenStack libraries
export PATH=/usr/sbin:/usr/bin:/sbin:/bin:$PATH
# Only library packages: the keystone/cinder-* service packages pull dbconfig-common, debconf prompts
# and init scripts. procps (ps) and iproute2 (ss) are missing from minimal Debian images.
PKGS="python3-keystone python3-cinder python3-openstackclient python3-pymysql rabbitmq-server
      mariadb-server uwsgi-core uwsgi-plugin-python3 curl jq procps iproute2"

# --- timing: every line carries the seconds since the script started; each phase its own duration
us() { local t=${EPOCHREALTIME/[.,]/}; echo "${t#0}"; }
T0=$(us)
secs() { local d=$(( $2 - $1 )); printf '%d.%01d' $(( d / 1000000 )) $(( d % 1000000 / 100000 )); }
log() { printf '[%6ss] %s\n' "$(secs "$T0" "$(us)")" "$*"; }
die() { log "ERROR: $*" >&2; exit 1; }
PHASE="" PHASE_T=0 PHASES=()
phase() { # phase NAME: closes the running phase, opens NAME ("" closes only)
  local now; now=$(us)
  [ -z "$PHASE" ] || { PHASES+=("$(printf '%-10s %6ss' "$PHASE" "$(secs "$PHASE_T" "$now")")"); log "phase $PHASE took $(secs "$PHASE_T" "$now")s"; }
  PHASE=$1 PHASE_T=$now
  [ -z "$PHASE" ] || log "--- phase $PHASE"
}
phase_summary() {
  phase ""
  echo "=== phase timings ($1) ==="; printf '  %s\n' "${PHASES[@]}"
  printf '  %-10s %6ss\n' total "$(secs "$T0" "$(us)")"
  [ ! -d "$S" ] || printf '%s\n' "${PHASES[@]}" > "$S/timings.$1"
}

# A PID file alone could name an unrelated process after a reboot (PIDs are reused): a process counts
# as ours only while its start time (field 22 of /proc/PID/stat) is the one recorded at spawn.
starttime() { local st; st=$(cat "/proc/$1/stat" 2>/dev/null) || return 1; st=${st##*) }; set -- $st; echo "${20}"; }
alive() {
  local f=$S/run/$1.pid pid
  [ -s "$f" ] && [ -s "$S/run/$1.start" ] || return 1
  pid=$(cat "$f"); kill -0 "$pid" 2>/dev/null && [ "$(starttime "$pid")" = "$(cat "$S/run/$1.start")" ]
}

# spawn NAME USER CMD... : start CMD in its own session, its PID file written by the child itself
spawn() {
  local name=$1 user=$2; shift 2
  if alive "$name"; then log "$name already running (pid $(cat "$S/run/$name.pid"))"; return 0; fi
  rm -f "$S/run/$name.pid" "$S/run/$name.start"
  local pre=()
  [ "$user" != root ] && pre=(setpriv --reuid="$user" --regid="$user" --init-groups)
  setsid bash -c 'echo $$ > "$0"; exec "$@"' "$S/run/$name.pid" "${pre[@]}" "$@" \
      </dev/null >>"$S/log/$name.stdout" 2>&1 &
  for _ in $(seq 1 50); do [ -s "$S/run/$name.pid" ] && break; sleep 0.1; done
  [ -s "$S/run/$name.pid" ] || die "$name did not start (see $S/log/$name.stdout)"
  starttime "$(cat "$S/run/$name.pid")" > "$S/run/$name.start" || die "$name exited at once (see $S/log/$name.stdout)"
  log "started $name (pid $(cat "$S/run/$name.pid"))"
}

port_free_or_ours() { # name port
  if ss -Hltn "sport = :$2" | grep -q . && ! alive "$1"; then
    die "port $2 is in use by a process this script did not start (needed by $1); choose another with OSL_*_PORT"
  fi
}

# wait_for DESCRIPTION TIMEOUT-SECONDS COMMAND...   (locals prefixed: COMMAND may read its caller's)
wait_for() {
  local _what=$1 _timeout=$2; shift 2
  local _end=$(( $(date +%s) + _timeout ))
  until "$@" >/dev/null 2>&1; do
    [ "$(date +%s)" -lt "$_end" ] || die "timeout after ${_timeout}s waiting for $_what (logs: $S/log)"
    sleep 0.3
  done
  log "$_what ready"
}

rabbit_env() {
  export HOME=$S/rabbitmq RABBITMQ_NODENAME=rabbit@localhost RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 \
    RABBITMQ_NODE_PORT=$RABBIT_PORT RABBITMQ_DIST_PORT=$RABBIT_DIST_PORT \
    ERL_EPMD_ADDRESS=127.0.0.1 ERL_EPMD_PORT=$EPMD_PORT \
    RABBITMQ_MNESIA_BASE=$S/rabbitmq/mnesia RABBITMQ_LOG_BASE=$S/rabbitmq/log \
    RABBITMQ_CONFIG_FILE=$S/rabbitmq/rabbitmq RABBITMQ_ENABLED_PLUGINS_FILE=$S/rabbitmq/enabled_plugins \
    RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
}
rabbitmqctl_() { ( rabbit_env; cd "$S/rabbitmq"; setpriv --reuid=rabbitmq --regid=rabbitmq --init-groups \
    /usr/lib/rabbitmq/bin/rabbitmqctl "$@" ); }

mysql_() { mariadb --no-defaults -S "$S/mysql/mysqld.sock" -uroot "$@"; }

# ---------------------------------------------------------------------------------------------
install_packages() {
  local missing="" p
  for p in $PKGS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing="$missing $p"
  done
  if [ -z "$missing" ]; then log "all packages already installed"; return 0; fi
  [ -z "${OSL_SKIP_INSTALL:-}" ] || die "missing packages:$missing (OSL_SKIP_INSTALL is set)"
  log "installing:$missing"
  # No systemd here: the postinst scripts would start mariadb/rabbitmq on 0.0.0.0 with their default
  # data dirs. policy-rc.d answering 101 forbids that; ours is removed again afterwards.
  local made_policy="" rc=0
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d; chmod +x /usr/sbin/policy-rc.d; made_policy=1
  fi
  local apt=(env DEBIAN_FRONTEND=noninteractive apt-get -y -q -o Dpkg::Options::=--force-confdef
             -o Dpkg::Options::=--force-confold)
  # A fresh image has no package lists, an old one may name files the mirror no longer has.
  if ! compgen -G '/var/lib/apt/lists/*_Packages' >/dev/null; then
    "${apt[@]}" update >>"$S/log/apt.log" 2>&1 || rc=$?
  fi
  if [ $rc = 0 ] && ! "${apt[@]}" install --no-install-recommends $missing >>"$S/log/apt.log" 2>&1; then
    log "apt-get install failed; updating the package lists and trying once more"
    { "${apt[@]}" update && "${apt[@]}" install --no-install-recommends $missing; } >>"$S/log/apt.log" 2>&1 || rc=$?
  fi
  [ -z "$made_policy" ] || rm -f /usr/sbin/policy-rc.d
  [ $rc = 0 ] || { tail -n 20 "$S/log/apt.log" >&2; die "apt-get failed, see $S/log/apt.log"; }
  log "packages installed"
}

# ---------------------------------------------------------------------------------------------
start_mariadb() {
  mkdir -p "$S/mysql"; chown mysql:mysql "$S/mysql"
  if [ ! -d "$S/mysql/data/mysql" ]; then
    mariadb-install-db --no-defaults --user=mysql --datadir="$S/mysql/data" \
      --auth-root-authentication-method=socket --skip-test-db >"$S/log/mariadb-install.log" 2>&1 \
      || die "mariadb-install-db failed, see $S/log/mariadb-install.log"
  fi
  port_free_or_ours mariadb "$DB_PORT"
  spawn mariadb root /usr/sbin/mariadbd --no-defaults --user=mysql --datadir="$S/mysql/data" \
    --socket="$S/mysql/mysqld.sock" --bind-address=127.0.0.1 --port="$DB_PORT" \
    --pid-file="$S/mysql/mariadbd.pid" --log-error="$S/mysql/mariadb.err" --skip-name-resolve \
    --innodb-buffer-pool-size=64M --max-connections=300 \
    --character-set-server=utf8mb4 --collation-server=utf8mb4_general_ci
  wait_for mariadb 60 mysql_ -e 'select 1'
  mysql_ -e "CREATE DATABASE IF NOT EXISTS keystone; CREATE DATABASE IF NOT EXISTS cinder;
    CREATE USER IF NOT EXISTS 'openstack'@'127.0.0.1' IDENTIFIED BY '$DB_PASS';
    GRANT ALL ON keystone.* TO 'openstack'@'127.0.0.1'; GRANT ALL ON cinder.* TO 'openstack'@'127.0.0.1';"
}

start_rabbitmq() {
  mkdir -p "$S/rabbitmq"
  echo '[].' > "$S/rabbitmq/enabled_plugins"
  printf 'listeners.tcp.default = 127.0.0.1:%s\nloopback_users = none\n' "$RABBIT_PORT" > "$S/rabbitmq/rabbitmq.conf"
  chown -R rabbitmq:rabbitmq "$S/rabbitmq"
  port_free_or_ours epmd "$EPMD_PORT"; port_free_or_ours rabbitmq "$RABBIT_PORT"
  ( rabbit_env; cd "$S/rabbitmq"
    spawn epmd rabbitmq /usr/bin/epmd -address 127.0.0.1 -port "$EPMD_PORT"
    sleep 0.3
    # the foreground wrapper script: SIGTERM to it runs a clean `rabbitmqctl stop`
    spawn rabbitmq rabbitmq /usr/lib/rabbitmq/bin/rabbitmq-server )
  wait_for rabbitmq 90 rabbitmqctl_ -q await_startup
}

# ---------------------------------------------------------------------------------------------
write_keystone_conf() {
  mkdir -p "$S/keystone/fernet-keys" "$S/keystone/credential-keys"
  cat > "$S/keystone/keystone.conf" <<EOF
[DEFAULT]
log_file = $S/log/keystone.log
use_stderr = false
[database]
connection = mysql+pymysql://openstack:$DB_PASS@127.0.0.1:$DB_PORT/keystone
[identity]
# bcrypt with 4 rounds: password auth ~10x cheaper than the default 12 (test stack only)
password_hash_rounds = 4
[token]
provider = fernet
expiration = 86400
[fernet_tokens]
key_repository = $S/keystone/fernet-keys
[fernet_receipts]
key_repository = $S/keystone/fernet-keys
[credential]
key_repository = $S/keystone/credential-keys
[cache]
enabled = false
EOF
}

start_keystone() {
  write_keystone_conf
  if alive keystone; then
    log "keystone already running: db_sync and bootstrap skipped"
  else
    local km="keystone-manage --config-file $S/keystone/keystone.conf"
    # keystone-manage ends with a harmless eventlet traceback on stderr, hence the log file
    ( cd "$S/keystone"
      $km db_sync >>"$S/log/keystone-manage.log" 2>&1 || die "keystone db_sync failed"
      [ -e "$S/keystone/fernet-keys/0" ] || $km fernet_setup --keystone-user root --keystone-group root >>"$S/log/keystone-manage.log" 2>&1
      [ -e "$S/keystone/credential-keys/0" ] || $km credential_setup --keystone-user root --keystone-group root >>"$S/log/keystone-manage.log" 2>&1
      chmod 700 "$S/keystone/fernet-keys" "$S/keystone/credential-keys"
      # idempotent: creates or updates the admin user, project, roles (admin, member, reader), region
      $km bootstrap --bootstrap-password "$ADMIN_PASS" --bootstrap-username admin \
        --bootstrap-project-name admin --bootstrap-role-name admin --bootstrap-service-name keystone \
        --bootstrap-region-id $REGION --bootstrap-admin-url "$KS_URL/" --bootstrap-public-url "$KS_URL/" \
        --bootstrap-internal-url "$KS_URL/" >>"$S/log/keystone-manage.log" 2>&1 || die "keystone bootstrap failed" )
    log "keystone db synced + bootstrapped"
  fi
  port_free_or_ours keystone "$KS_PORT"
  ( cd "$S/keystone"
    spawn keystone root /usr/bin/uwsgi --plugin python3 --http-socket "127.0.0.1:$KS_PORT" \
      --wsgi-file /usr/bin/keystone-wsgi-public --master --processes "$KS_WORKERS" --threads 1 \
      --die-on-term --buffer-size 65535 \
      --env OS_KEYSTONE_CONFIG_DIR="$S/keystone" --env OS_KEYSTONE_CONFIG_FILES=keystone.conf \
      --logto "$S/log/keystone-uwsgi.log" )
  wait_for keystone 60 curl -sf "$KS_URL"
}

# token USER PASSWORD PROJECT: a project-scoped token (password auth, domain Default)
ks_token() {
  curl -sf -D - -o /dev/null -X POST "$KS_URL/auth/tokens" -H 'Content-Type: application/json' -d \
   '{"auth":{"identity":{"methods":["password"],"password":{"user":{"name":"'"$1"'","domain":{"name":"Default"},"password":"'"$2"'"}}},"scope":{"project":{"name":"'"$3"'","domain":{"name":"Default"}}}}}' \
   | awk 'tolower($1)=="x-subject-token:"{print $2}' | tr -d '\r'
}

# ks_api TOKEN METHOD PATH [curl args...]: Keystone REST (plain REST: ~10x faster than the CLI)
ks_api() { local t=$1 m=$2 p=$3; shift 3
  curl -sf -X "$m" "$KS_URL$p" -H "X-Auth-Token: $t" -H 'Content-Type: application/json' "$@"; }
# ks_ensure TOKEN KIND NAME BODY: id of the object named NAME, created from BODY when missing
ks_ensure() { local t=$1 kind=$2 name=$3 body=$4 id
  id=$(ks_api "$t" GET "/$kind?name=$name" | jq -r ".${kind}[0].id // empty")
  [ -n "$id" ] || id=$(ks_api "$t" POST "/$kind" -d "$body" | jq -r '.[keys[0]].id')
  [ -n "$id" ] || die "cannot create $kind $name"
  echo "$id"; }

setup_catalog() { # idempotent
  local t proj role_admin role_svc cuser sid n st type name iface
  t=$(ks_token admin "$ADMIN_PASS" admin); [ -n "$t" ] || die "cannot get an admin token"
  proj=$(ks_ensure "$t" projects service '{"project":{"name":"service","domain_id":"default","description":"Service project"}}')
  role_admin=$(ks_api "$t" GET "/roles?name=admin" | jq -r '.roles[0].id')
  role_svc=$(ks_ensure "$t" roles service '{"role":{"name":"service"}}')
  cuser=$(ks_ensure "$t" users cinder '{"user":{"name":"cinder","domain_id":"default","password":"'"$CINDER_PASS"'"}}')
  ks_api "$t" PATCH "/users/$cuser" -d '{"user":{"password":"'"$CINDER_PASS"'"}}' >/dev/null
  ks_api "$t" PUT "/projects/$proj/users/$cuser/roles/$role_admin" >/dev/null
  ks_api "$t" PUT "/projects/$proj/users/$cuser/roles/$role_svc" >/dev/null
  for st in volumev3:cinderv3 block-storage:cinder; do
    type=${st%%:*} name=${st##*:}
    sid=$(ks_api "$t" GET "/services?type=$type" | jq -r '.services[0].id // empty')
    [ -n "$sid" ] || sid=$(ks_api "$t" POST /services -d '{"service":{"type":"'"$type"'","name":"'"$name"'","description":"OpenStack Block Storage","enabled":true}}' | jq -r .service.id)
    for iface in public internal admin; do
      n=$(ks_api "$t" GET "/endpoints?service_id=$sid&interface=$iface" | jq '.endpoints | length')
      [ "$n" != 0 ] || ks_api "$t" POST /endpoints -d '{"endpoint":{"service_id":"'"$sid"'","interface":"'"$iface"'","region_id":"'"$REGION"'","url":"'"$CINDER_URL"'/v3/%(project_id)s","enabled":true}}' >/dev/null
    done
  done
  log "keystone catalog: service project, cinder user (admin+service roles), volumev3 + block-storage endpoints"
}

# ---------------------------------------------------------------------------------------------
write_cinder_conf() {
  mkdir -p "$S/cinder/lock" "$S/bin"
  cat > "$S/cinder/cinder.conf" <<EOF
[DEFAULT]
transport_url = rabbit://guest:guest@127.0.0.1:$RABBIT_PORT/
auth_strategy = keystone
my_ip = 127.0.0.1
host = loopback
state_path = $S/cinder
log_dir = $S/log
use_stderr = false
api_paste_config = $S/cinder/api-paste.ini
osapi_volume_listen = 127.0.0.1
osapi_volume_listen_port = $CINDER_PORT
osapi_volume_workers = $CINDER_API_WORKERS
enabled_backends = fake
default_volume_type = __DEFAULT__
# faster service heartbeats / scheduler start-up than the defaults (10 / 60 / 60 s)
report_interval = 5
periodic_interval = 10
scheduler_driver_init_wait_time = 5
[database]
connection = mysql+pymysql://openstack:$DB_PASS@127.0.0.1:$DB_PORT/cinder
[oslo_concurrency]
lock_path = $S/cinder/lock
[keystone_authtoken]
www_authenticate_uri = http://127.0.0.1:$KS_PORT
auth_url = http://127.0.0.1:$KS_PORT
auth_type = password
project_domain_name = Default
user_domain_name = Default
project_name = service
username = cinder
password = $CINDER_PASS
region_name = $REGION
service_token_roles_required = true
[fake]
volume_driver = cinder.tests.fake_driver.FakeLoggingVolumeDriver
volume_backend_name = fake
EOF
  # api-paste.ini as Debian's cinder-common ships it (that package is not installed on purpose)
  cat > "$S/cinder/api-paste.ini" <<EOF
[composite:osapi_volume]
use = call:cinder.api:root_app_factory
/: apiversions
/healthcheck: healthcheck
/v3: openstack_volume_api_v3

[composite:openstack_volume_api_v3]
use = call:cinder.api.middleware.auth:pipeline_factory
noauth = request_id cors http_proxy_to_wsgi faultwrap sizelimit osprofiler noauth apiv3
noauth_include_project_id = request_id cors http_proxy_to_wsgi faultwrap sizelimit osprofiler noauth_include_project_id apiv3
keystone = request_id cors http_proxy_to_wsgi faultwrap sizelimit osprofiler authtoken keystonecontext apiv3
keystone_nolimit = request_id cors http_proxy_to_wsgi faultwrap sizelimit osprofiler authtoken keystonecontext apiv3

[filter:http_proxy_to_wsgi]
paste.filter_factory = oslo_middleware.http_proxy_to_wsgi:HTTPProxyToWSGI.factory

[filter:cors]
paste.filter_factory = oslo_middleware.cors:filter_factory
oslo_config_project = cinder

[filter:faultwrap]
paste.filter_factory = cinder.api.middleware.fault:FaultWrapper.factory

[filter:osprofiler]
paste.filter_factory = osprofiler.web:WsgiMiddleware.factory

[filter:noauth]
paste.filter_factory = cinder.api.middleware.auth:NoAuthMiddleware.factory

[filter:noauth_include_project_id]
paste.filter_factory = cinder.api.middleware.auth:NoAuthMiddlewareIncludeProjectID.factory

[filter:sizelimit]
paste.filter_factory = oslo_middleware.sizelimit:RequestBodySizeLimiter.factory

[app:apiv3]
paste.app_factory = cinder.api.v3.router:APIRouter.factory

[pipeline:apiversions]
pipeline = request_id cors http_proxy_to_wsgi faultwrap osvolumeversionapp

[app:osvolumeversionapp]
paste.app_factory = cinder.api.versions:Versions.factory

[pipeline:healthcheck]
pipeline = request_id healthcheckapp

[app:healthcheckapp]
paste.app_factory = oslo_middleware:Healthcheck.app_factory
backends = disable_by_file
disable_by_file_path = $S/cinder/healthcheck_disable

[filter:keystonecontext]
paste.filter_factory = cinder.api.middleware.auth:CinderKeystoneContext.factory

[filter:authtoken]
paste.filter_factory = keystonemiddleware.auth_token:filter_factory

[filter:request_id]
paste.filter_factory = cinder.api.middleware.request_id:RequestId.factory
EOF
  # Entry points the cinder-{api,scheduler,volume,common} packages would ship. The program name also
  # names oslo.log's file ($S/log/cinder-<x>.log), so `python3 -c` would not do.
  local m
  for m in api scheduler volume manage; do
    printf '#!%s\nimport sys\nfrom cinder.cmd.%s import main\nsys.exit(main())\n' "$PY" "$m" > "$S/bin/cinder-$m"
    chmod +x "$S/bin/cinder-$m"
  done
}

start_cinder() {
  write_cinder_conf
  if alive cinder-api && alive cinder-scheduler && alive cinder-volume; then
    log "cinder already running: db sync skipped"
  else
    ( cd "$S/cinder"; "$S/bin/cinder-manage" --config-file "$S/cinder/cinder.conf" db sync \
        >>"$S/log/cinder-manage.stdout" 2>&1 ) || die "cinder db sync failed, see $S/log/cinder-manage.log"
    log "cinder db synced"
  fi
  port_free_or_ours cinder-api "$CINDER_PORT"
  ( cd "$S/cinder"
    for svc in volume scheduler api; do
      spawn "cinder-$svc" root "$S/bin/cinder-$svc" --config-file "$S/cinder/cinder.conf"
    done )
  wait_for cinder-api 90 curl -sf "$CINDER_URL/healthcheck"
}

# Ready = both services report "up" AND the scheduler knows the fake pool; without the pool check a
# volume create right after start fails with "No valid backend was found".
wait_cinder_ready() {
  local t pid
  t=$(ks_token admin "$ADMIN_PASS" admin); [ -n "$t" ] || die "cannot get an admin token"
  pid=$(curl -sf -H "X-Auth-Token: $t" -H "X-Subject-Token: $t" "$KS_URL/auth/tokens" | jq -r .token.project.id)
  services_up() { curl -sf -H "X-Auth-Token: $t" "$CINDER_URL/v3/$pid/os-services" \
    | jq -e '[.services[] | select(.state=="up")] | length >= 2'; }
  pools_ready() { curl -sf -H "X-Auth-Token: $t" "$CINDER_URL/v3/$pid/scheduler-stats/get_pools" \
    | jq -e --arg p "$POOL" '.pools | map(select(.name==$p)) | length == 1'; }
  wait_for "cinder-scheduler + cinder-volume (os-services up)" 90 services_up
  wait_for "cinder backend $POOL (scheduler get_pools)" 90 pools_ready
}

# ---------------------------------------------------------------------------------------------
# What the e2e tests use besides the admin: a non-admin user "e2e" (role member) in its own projects,
# so the tests see only their own snapshots and volumes and never change the admin project's quotas:
#   project e2e        the operator's project (clouds e2e, e2e-appcred)
#   project e2e-quota  quotas are lowered here by the admin for the quota tests (cloud e2e-quota)
# User admin gets the admin role in both (the contract suite's admin helper works inside the project).
# plus an application credential of user e2e on project e2e. Its secret cannot be read back from
# Keystone, so it is kept in $S/e2e-appcred.secret; without that file the credential is recreated.
setup_fixtures() {
  local t member admin_role admin_uid uid p pid_e2e ut acid secret
  t=$(ks_token admin "$ADMIN_PASS" admin); [ -n "$t" ] || die "cannot get an admin token"
  admin_role=$(ks_api "$t" GET "/roles?name=admin" | jq -r '.roles[0].id')
  admin_uid=$(ks_api "$t" GET "/users?name=admin" | jq -r '.users[0].id')
  member=$(ks_api "$t" GET "/roles?name=member" | jq -r '.roles[0].id // empty')
  [ -n "$member" ] || member=$(ks_ensure "$t" roles member '{"role":{"name":"member"}}')
  uid=$(ks_ensure "$t" users e2e '{"user":{"name":"e2e","domain_id":"default","password":"'"$E2E_PASS"'"}}')
  ks_api "$t" PATCH "/users/$uid" -d '{"user":{"password":"'"$E2E_PASS"'"}}' >/dev/null
  for p in e2e e2e-quota; do
    local id; id=$(ks_ensure "$t" projects "$p" '{"project":{"name":"'"$p"'","domain_id":"default","description":"operator e2e tests"}}')
    ks_api "$t" PUT "/projects/$id/users/$uid/roles/$member" >/dev/null
    # the admin inside the project: volumes for the tests, status resets, quota changes of that project
    ks_api "$t" PUT "/projects/$id/users/$admin_uid/roles/$admin_role" >/dev/null
    [ "$p" != e2e ] || pid_e2e=$id
  done
  ut=$(ks_token e2e "$E2E_PASS" e2e); [ -n "$ut" ] || die "user e2e cannot log in to project e2e"
  acid=$(ks_api "$ut" GET "/users/$uid/application_credentials?name=e2e" | jq -r '.application_credentials[0].id // empty')
  if [ -n "$acid" ] && [ -s "$S/e2e-appcred.secret" ] && [ "$(cut -d' ' -f1 "$S/e2e-appcred.secret")" = "$acid" ]; then
    secret=$(cut -d' ' -f2 "$S/e2e-appcred.secret")
  else
    [ -z "$acid" ] || ks_api "$ut" DELETE "/users/$uid/application_credentials/$acid" >/dev/null
    secret=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
    acid=$(ks_api "$ut" POST "/users/$uid/application_credentials" \
      -d '{"application_credential":{"name":"e2e","secret":"'"$secret"'","description":"operator e2e tests"}}' \
      | jq -r .application_credential.id)
    [ -n "$acid" ] && [ "$acid" != null ] || die "cannot create the application credential"
    ( umask 077; echo "$acid $secret" > "$S/e2e-appcred.secret" )
  fi
  write_clouds_yaml "$acid" "$secret"
  log "fixtures: user e2e (member of e2e, e2e-quota; project e2e = $pid_e2e), application credential e2e ($acid)"
}

write_clouds_yaml() { # appcred-id appcred-secret
  pw_cloud() { # name user password project
    cat <<EOF
  $1:
    auth_type: password
    auth:
      auth_url: $KS_URL
      username: $2
      password: "$3"
      project_name: $4
      user_domain_name: Default
      project_domain_name: Default
    region_name: $REGION
    interface: public
    identity_api_version: 3
EOF
  }
  ( umask 077
    { echo "# written by e2e/openstack-on-loopback.sh for the stack on 127.0.0.1:$KS_PORT"
      echo "clouds:"
      pw_cloud e2e-admin admin "$ADMIN_PASS" admin
      pw_cloud e2e e2e "$E2E_PASS" e2e
      pw_cloud e2e-quota e2e "$E2E_PASS" e2e-quota
      cat <<EOF
  e2e-appcred:
    auth_type: v3applicationcredential
    auth:
      auth_url: $KS_URL
      application_credential_id: $1
      application_credential_secret: "$2"
    region_name: $REGION
    interface: public
    identity_api_version: 3
EOF
    } > "$S/clouds.yaml.tmp" && mv "$S/clouds.yaml.tmp" "$S/clouds.yaml" )
}

# ---------------------------------------------------------------------------------------------
print_env() {
  cat <<EOF
export OS_AUTH_URL=$KS_URL
export OS_AUTH_TYPE=password
export OS_IDENTITY_API_VERSION=3
export OS_USERNAME=admin
export OS_PASSWORD=$ADMIN_PASS
export OS_PROJECT_NAME=admin
export OS_USER_DOMAIN_NAME=Default
export OS_PROJECT_DOMAIN_NAME=Default
export OS_REGION_NAME=$REGION
export OS_INTERFACE=public
export OS_VOLUME_API_VERSION=3
EOF
}

need_root() { [ "$(id -u)" = 0 ] || die "must run as root"; mkdir -p "$S/run" "$S/log"; }

do_start() {
  need_root
  phase install;  install_packages
  phase mariadb;  start_mariadb
  phase rabbitmq; start_rabbitmq
  phase keystone; start_keystone; setup_catalog
  phase cinder;   start_cinder; wait_cinder_ready
  phase fixtures; setup_fixtures
  print_env > "$S/adminrc"
  phase_summary start
  cat <<EOF

=== OpenStack on loopback is READY ===
  Keystone       : $KS_URL
  Block storage  : $CINDER_URL/v3/<project_id>  (volume type __DEFAULT__, backend $POOL)
  Admin          : admin / $ADMIN_PASS, project admin, domain Default, region $REGION
  clouds.yaml    : $S/clouds.yaml  (clouds: e2e-admin, e2e, e2e-quota, e2e-appcred)
  Admin env file : $S/adminrc
  Logs           : $S/log          Stop: $0 stop   (same OSL_* environment)
EOF
}

do_stop() { # TERM in dependency order (a group's members in parallel), KILL after 20 s
  local group name pid np pids
  [ -d "$S/run" ] || { log "nothing to stop ($S/run does not exist)"; return 0; }
  for group in "cinder-api cinder-scheduler cinder-volume keystone" "rabbitmq mariadb" "epmd"; do
    pids=""
    for name in $group; do
      if alive "$name"; then pid=$(cat "$S/run/$name.pid"); kill -TERM "$pid" 2>/dev/null || true; pids="$pids $name:$pid"
      else rm -f "$S/run/$name.pid" "$S/run/$name.start"; fi
    done
    for np in $pids; do
      name=${np%%:*}; pid=${np##*:}
      for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
      if kill -0 "$pid" 2>/dev/null; then log "$name did not stop in 20 s: KILL"; kill -KILL "$pid" 2>/dev/null || true; fi
      # leftovers in that service's own process group (setsid at start, so PGID == PID)
      if ps -o pid= -g "$pid" 2>/dev/null | grep -q .; then
        sleep 0.5; kill -TERM -- "-$pid" 2>/dev/null || true; sleep 1; kill -KILL -- "-$pid" 2>/dev/null || true
      fi
      rm -f "$S/run/$name.pid" "$S/run/$name.start"; log "stopped $name (pid $pid)"
    done
  done
}

do_status() {
  local name rc=0
  for name in mariadb epmd rabbitmq keystone cinder-api cinder-scheduler cinder-volume; do
    if alive "$name"; then printf '%-17s running pid %s\n' "$name" "$(cat "$S/run/$name.pid")"
    else printf '%-17s STOPPED\n' "$name"; rc=1; fi
  done
  if curl -sf -o /dev/null "$KS_URL"; then echo "keystone  $KS_URL OK"; else echo "keystone  $KS_URL DOWN"; rc=1; fi
  if curl -sf -o /dev/null "$CINDER_URL/healthcheck"; then echo "cinder    $CINDER_URL/healthcheck OK"; else echo "cinder    $CINDER_URL DOWN"; rc=1; fi
  return $rc
}

case "${1:-start}" in
  start)    do_start ;;
  stop)     phase stop; do_stop; phase_summary stop ;;
  restart)  phase stop; do_stop; phase ""; do_start ;;
  status)   do_status ;;
  install)  need_root; phase install; install_packages; phase_summary install ;;
  fixtures) mkdir -p "$S"; phase fixtures; setup_fixtures; phase_summary fixtures; echo "clouds.yaml: $S/clouds.yaml" ;;
  env)      print_env ;;
  purge)    phase stop; do_stop; phase ""; rm -rf "$S"; echo "removed $S" ;;
  *) echo "usage: $0 [start|stop|restart|status|install|fixtures|env|purge]" >&2; exit 2 ;;
esac
