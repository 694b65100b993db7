#!/bin/sh
# The database roles of docs/operations.md ("Database roles"), made by the superuser on the first start of an
# empty data volume (the image runs /docker-entrypoint-initdb.d then, and never again; for a volume made before,
# run the same statements by hand as that page says). `npm start` and `npm run cluster` make the same roles with
# dev/infra/database-roles.ts.
#
#   migrator   owns the application's database and runs the migrations (the only one that changes the schema)
#   api        logs in for the API; member of renewals_api, which the migrations grant what the API does
#   worker     logs in for the workers; member of renewals_worker, likewise
#   sandboxes  owns the partner simulator's schema `sandbox` and nothing else
#   temporal   owns Temporal's databases, temporal and temporal_visibility, and nothing else
#
# None is a superuser or may create roles or databases; each database accepts only the roles that use it.
set -eu

psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v app_db="$POSTGRES_DB" \
  -v migrator_password="$POSTGRES_MIGRATOR_PASSWORD" \
  -v api_password="$POSTGRES_API_PASSWORD" \
  -v worker_password="$POSTGRES_WORKER_PASSWORD" \
  -v sandboxes_password="$POSTGRES_SANDBOXES_PASSWORD" \
  -v temporal_password="$POSTGRES_TEMPORAL_PASSWORD" <<'SQL'
CREATE ROLE migrator LOGIN PASSWORD :'migrator_password';
CREATE ROLE api LOGIN PASSWORD :'api_password';
CREATE ROLE worker LOGIN PASSWORD :'worker_password';
CREATE ROLE sandboxes LOGIN PASSWORD :'sandboxes_password';
CREATE ROLE temporal LOGIN PASSWORD :'temporal_password';
CREATE ROLE renewals_api NOLOGIN;
CREATE ROLE renewals_worker NOLOGIN;
GRANT renewals_api TO api;
GRANT renewals_worker TO worker;

ALTER DATABASE :"app_db" OWNER TO migrator;
REVOKE ALL ON DATABASE :"app_db" FROM PUBLIC;
GRANT CONNECT ON DATABASE :"app_db" TO renewals_api, renewals_worker, sandboxes;
CREATE DATABASE temporal OWNER temporal;
CREATE DATABASE temporal_visibility OWNER temporal;
REVOKE ALL ON DATABASE temporal FROM PUBLIC;
REVOKE ALL ON DATABASE temporal_visibility FROM PUBLIC;
REVOKE CONNECT, TEMPORARY ON DATABASE postgres FROM PUBLIC;

\connect :"app_db"
CREATE SCHEMA sandbox AUTHORIZATION sandboxes;
SQL
