#!/bin/sh
# The backup schedule of docker-compose.yml's `pgbackrest` service (docs/operations.md, "Backups"): creates the
# stanza (once; a stanza that exists and matches is left alone), checks that archiving works (a WAL segment reaches
# the repository), takes a full backup if there is none yet, then every day at BACKUP_HOUR_UTC a full backup on
# Sundays and a differential one on other days. pgBackRest expires what the retention of pgbackrest.conf no longer
# keeps after each backup. Any backup can also be taken by hand:
#   docker compose exec pgbackrest pgbackrest --stanza=renewals --type=full backup
set -eu
stanza=renewals
hour="${BACKUP_HOUR_UTC:-01}"

until pg_isready -q -h /var/run/postgresql; do sleep 2; done
pgbackrest --stanza="$stanza" stanza-create
pgbackrest --stanza="$stanza" check
if ! pgbackrest --stanza="$stanza" --output=json info | grep -q '"type":"full"'; then
  pgbackrest --stanza="$stanza" --type=full backup
fi

while :; do
  now=$(date -u +%s)
  next=$(date -u -d "today $hour:00" +%s)
  [ "$next" -gt "$now" ] || next=$(date -u -d "tomorrow $hour:00" +%s)
  sleep $((next - now))
  if [ "$(date -u +%u)" = 7 ]; then type=full; else type=diff; fi
  pgbackrest --stanza="$stanza" --type="$type" backup
done
