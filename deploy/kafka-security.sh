#!/usr/bin/env bash
# Kafka users and ACLs for OneGrid on a production cluster (docs/security.md):
#   - the service's user may do everything on its own topics (onegrid.*), its Streams internal topics and consumer
#     groups (onegrid-*), its transactional ids (onegrid-*), and write idempotently;
#   - each subscriber's user (kafka.principal of its file in subscribers/) may read and describe its own view topic
#     onegrid.view.<subscriber>, and use consumer groups whose id starts with <subscriber>; nothing else.
# The cluster's authorizer must deny what no ACL allows (Kafka's default: allow.everyone.if.no.acl.found=false).
#
# Prints the kafka-configs.sh / kafka-acls.sh commands; runs them when APPLY=1.
#
#   BOOTSTRAP=kafka-0:9093 ADMIN_CONFIG=admin.properties SECRETS_DIR=/run/secrets/kafka deploy/kafka-security.sh
#   APPLY=1 BOOTSTRAP=... deploy/kafka-security.sh
#
# ADMIN_CONFIG is a client properties file with an administrator's login (security.protocol=SASL_SSL, ...).
# SECRETS_DIR holds one <user>.password file per user (the service's and each subscriber's); the passwords go to
# Kafka through kafka-configs.sh and are never printed (the printed commands read them from their files).
set -euo pipefail

BOOTSTRAP=${BOOTSTRAP:-<bootstrap-servers>}
ADMIN_CONFIG=${ADMIN_CONFIG:-admin.properties}
SERVICE_USER=${SERVICE_USER:-onegrid}
SUBSCRIBERS_DIR=${SUBSCRIBERS_DIR:-subscribers}
SECRETS_DIR=${SECRETS_DIR:-secrets}
KAFKA_BIN=${KAFKA_BIN:-}
APPLY=${APPLY:-0}

run() {
  # Commands are printed as written; the password stays a $(cat ...) that only the shell running them expands.
  echo "$*"
  if [ "$APPLY" = "1" ]; then
    eval "$*"
  fi
}

acls="${KAFKA_BIN}kafka-acls.sh --bootstrap-server $BOOTSTRAP --command-config $ADMIN_CONFIG"
configs="${KAFKA_BIN}kafka-configs.sh --bootstrap-server $BOOTSTRAP --command-config $ADMIN_CONFIG"

scram_user() {
  run "$configs --alter --entity-type users --entity-name $1" \
      "--add-config \"SCRAM-SHA-512=[iterations=8192,password=\$(cat $SECRETS_DIR/$1.password)]\""
}

echo "# The service: $SERVICE_USER"
scram_user "$SERVICE_USER"
run "$acls --add --allow-principal User:$SERVICE_USER --operation All --topic onegrid. --resource-pattern-type prefixed"
run "$acls --add --allow-principal User:$SERVICE_USER --operation All --topic onegrid- --resource-pattern-type prefixed"
run "$acls --add --allow-principal User:$SERVICE_USER --operation All --group onegrid- --resource-pattern-type prefixed"
run "$acls --add --allow-principal User:$SERVICE_USER --operation All --transactional-id onegrid- --resource-pattern-type prefixed"
run "$acls --add --allow-principal User:$SERVICE_USER --operation IdempotentWrite --operation Describe --cluster"

shopt -s nullglob
for file in "$SUBSCRIBERS_DIR"/*.yaml "$SUBSCRIBERS_DIR"/*.yml; do
  id=$(basename "$file"); id=${id%.yaml}; id=${id%.yml}
  # kafka.principal, written as a block (kafka:\n  principal: x) or inline (kafka: { principal: x }).
  principal=$(sed -e 's/#.*//' "$file" | awk '
    /^kafka:/ { inside = 1 }
    /^[^ ]/ && !/^kafka:/ { inside = 0 }
    inside && match($0, /principal:[ ]*[A-Za-z0-9._-]+/) { p = substr($0, RSTART, RLENGTH); sub(/principal:[ ]*/, "", p); print p; exit }')
  if [ -z "$principal" ]; then
    echo "# Subscriber $id: no kafka.principal (query API only), no Kafka user"
    continue
  fi
  echo "# Subscriber $id: user $principal reads onegrid.view.$id"
  scram_user "$principal"
  run "$acls --add --allow-principal User:$principal --operation Read --operation Describe --topic onegrid.view.$id"
  run "$acls --add --allow-principal User:$principal --operation Read --group $id --resource-pattern-type prefixed"
done
