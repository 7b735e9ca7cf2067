-- Runs once, when the postgres container initialises an empty data directory
-- (docker-compose.yml mounts this folder at /docker-entrypoint-initdb.d).
-- One database per service, as scripts/postgres.sh does for the local server.
CREATE DATABASE atrest_accounts;
CREATE DATABASE atrest_features;
CREATE DATABASE atrest_keys;
CREATE DATABASE atrest_blobs;
CREATE DATABASE atrest_replicator;
