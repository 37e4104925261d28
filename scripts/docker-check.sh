#!/usr/bin/env bash
# Checks the container image end to end (needs a running Docker engine; not part of npm test):
# builds it, runs `watch` in it on a page served from this machine, waits for /healthz and Docker's
# own HEALTHCHECK, checks the user is not root and the entries were read, then stops it with
# SIGTERM and expects exit code 0. Usage: scripts/docker-check.sh   (IMAGE=… to name the image)
set -euo pipefail
cd "$(dirname "$0")/.."

IMAGE=${IMAGE:-liveblog-relay:check}
PAGE_PORT=${PAGE_PORT:-18731}
HEALTH_PORT=${HEALTH_PORT:-18732}
name="liveblog-relay-check-$$"
fail() { echo "docker-check: FAIL: $*" >&2; docker logs "$name" 2>&1 | tail -20 >&2 || true; exit 1; }

if ! docker info >/dev/null 2>&1; then
  echo "docker-check: no Docker engine answers (docker info failed); nothing was built or run." >&2
  exit 2
fi

echo "== docker build -t $IMAGE ."
docker build -t "$IMAGE" .

# A small live page (fiction), served on the host's loopback.
tmp=$(mktemp -d)
cat >"$tmp/live.html" <<'HTML'
<!doctype html><html><head><meta charset="utf-8"><title>Container check live</title>
<link rel="canonical" href="/live.html">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"LiveBlogPosting",
"headline":"Container check live","url":"/live.html","coverageStartTime":"2024-09-11T08:00:00Z",
"liveBlogUpdate":[
{"@type":"BlogPosting","headline":"Second container check entry","url":"/live.html#c2",
 "datePublished":"2024-09-11T08:05:00Z","articleBody":"The second entry. It has two sentences."},
{"@type":"BlogPosting","headline":"First container check entry","url":"/live.html#c1",
 "datePublished":"2024-09-11T08:01:00Z","articleBody":"The first entry. It has two sentences."}]}
</script></head><body><h1>Container check live</h1></body></html>
HTML
python3 -m http.server "$PAGE_PORT" --bind 127.0.0.1 --directory "$tmp" >/dev/null 2>&1 &
page_server=$!
cleanup() {
  docker rm -f "$name" >/dev/null 2>&1 || true
  kill "$page_server" 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT

echo "== docker run … watch http://127.0.0.1:$PAGE_PORT/live.html"
# Host networking: the container reaches the page and we reach /healthz on loopback, no port published.
docker run -d --name "$name" --network host \
  --health-interval 2s --health-start-period 5s \
  -e ALLOW_PRIVATE_NETWORK=1 -e HEALTH_PORT="$HEALTH_PORT" -e POLL_SCHEDULE='*/5 * * * * *' \
  "$IMAGE" watch "http://127.0.0.1:$PAGE_PORT/live.html" >/dev/null

healthz=""
for _ in $(seq 1 60); do
  healthz=$(curl -fsS "http://127.0.0.1:$HEALTH_PORT/healthz" 2>/dev/null) && break
  sleep 1
done
[ -n "$healthz" ] || fail "/healthz did not answer 200 within 60 s"
echo "== /healthz: $healthz"
grep -q '"ok":true' <<<"$healthz" || fail "/healthz is not ok"

for _ in $(seq 1 30); do
  [ "$(docker inspect -f '{{.State.Health.Status}}' "$name")" = healthy ] && break
  sleep 1
done
[ "$(docker inspect -f '{{.State.Health.Status}}' "$name")" = healthy ] || fail "HEALTHCHECK never reported healthy"
echo "== HEALTHCHECK: healthy"

uid=$(docker exec "$name" id -u)
[ "$uid" != 0 ] || fail "the bot runs as root"
echo "== runs as uid $uid"

# Read whole before matching: `… | grep -q` stops reading at the first match, and with pipefail the
# writer's SIGPIPE would fail the check although the text is there.
logs=$(docker logs "$name" 2>&1)
grep -q "Second container check entry" <<<"$logs" || fail "watch printed no entry of the page"
status_page=$(curl -fsS "http://127.0.0.1:$HEALTH_PORT/") || fail "GET / failed"
grep -q "liveblog-relay status" <<<"$status_page" || fail "no status page at /"

echo "== docker stop (SIGTERM, 15 s timeout)"
docker stop -t 15 "$name" >/dev/null
code=$(docker inspect -f '{{.State.ExitCode}}' "$name")
[ "$code" = 0 ] || fail "exit code $code after SIGTERM"
echo "docker-check: OK (image $IMAGE)"
