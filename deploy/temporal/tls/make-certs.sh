#!/bin/sh
# The certificates of Temporal's mutual TLS, made with the openssl CLI into one folder: `npm run cluster` runs it
# for its data folder, docker-compose.yml's `temporal-certs` step for its volume. Run it again at any time: it makes
# only what is missing, and reissues a certificate that expires within 7 days (so a restart renews them). Keys are
# EC P-256, PKCS#8, mode 600; nothing here is ever committed.
#
#   make-certs.sh DIR [HOSTNAME...]    more names for the server certificates, which always hold localhost, 127.0.0.1
#                                      and their own fixed name: temporal-frontend, temporal-internode (what clients
#                                      and services check, whatever address they dial: TEMPORAL_TLS_SERVER_NAME)
#
#   internode-ca.pem        signs internode.pem: what Temporal's services present to each other, both ways. Apart
#                           from the clients' CA on purpose: a service trusts any certificate it signed.
#   clients-ca.pem          signs the frontend's server certificate and every client's certificate:
#     frontend.pem            the frontend (gRPC and HTTP), and
#     passport-api.pem        the API        \  services: the server's authorizer (deploy/temporal/server) lets them
#     passport-worker.pem     the workers    /  read and write in the application's namespace, by certificate
#     temporal-admin.pem      the launcher's and the admin tools' calls (namespace, search attributes): admin
#     temporal-system-worker.pem  the server's own worker service: admin
#     temporal-ui.pem         the UI server  \  nobody by themselves: the person's token (operator, support)
#     temporal-cli.pem        people's CLI   /  says what they may do
#   web-ca.pem              signs codec.pem: the https of the codec endpoint the Temporal UI calls (the UI sends a
#                           person's token to an https codec only); apart from Temporal's CAs, which it must not extend.
#                           Browsers trust it, or the UI's host's own certificate is used instead.
#   client-cas.pem          the CAs the frontend accepts client certificates from: clients-ca.pem, and during a
#                           rotation the next CA before it (docs/runbook.md, "Rotate Temporal's certificates")
set -eu
out=${1:?usage: make-certs.sh DIR [HOSTNAME...]}
shift
mkdir -p "$out"
cd "$out"
umask 077

sans="DNS:localhost,IP:127.0.0.1"
for host in "$@"; do sans="$sans,DNS:$host"; done

key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1.key" 2>/dev/null; chmod 600 "$1.key"; }

# fresh NAME: the certificate exists and is valid for 7 more days
fresh() { [ -s "$1.pem" ] && [ -s "$1.key" ] && openssl x509 -in "$1.pem" -noout -checkend 604800 >/dev/null 2>&1; }

ca() { # name, common name
  fresh "$1" && return 0
  key "$1"
  openssl req -x509 -new -key "$1.key" -sha256 -days 3650 -subj "/O=Passport Renewal/CN=$2" \
    -addext "basicConstraints=critical,CA:TRUE,pathlen:0" -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -out "$1.pem"
  chmod 644 "$1.pem"
}

leaf() { # name, signing CA, common name, extendedKeyUsage, server names (yes/no)
  name=$1 signer=$2 cn=$3 eku=$4
  fresh "$name" && return 0
  key "$name"
  openssl req -new -key "$name.key" -subj "/O=Passport Renewal/CN=$cn" -out "$name.csr"
  {
    echo "basicConstraints=critical,CA:FALSE"
    echo "keyUsage=critical,digitalSignature"
    echo "extendedKeyUsage=$eku"
    if [ "$5" = yes ]; then echo "subjectAltName=DNS:$cn,$sans"; fi
  } >"$name.ext"
  openssl x509 -req -in "$name.csr" -CA "$signer.pem" -CAkey "$signer.key" -CAcreateserial -sha256 \
    -days 90 -extfile "$name.ext" -out "$name.pem" 2>/dev/null
  chmod 644 "$name.pem"
  rm -f "$name.csr" "$name.ext"
}

ca internode-ca "Temporal internode CA"
ca clients-ca "Temporal clients CA"
leaf internode internode-ca temporal-internode serverAuth,clientAuth yes
leaf frontend clients-ca temporal-frontend serverAuth yes
for client in passport-api passport-worker temporal-admin temporal-system-worker temporal-ui temporal-cli; do
  leaf "$client" clients-ca "$client" clientAuth no
done
ca web-ca "Passport Renewal web CA"
leaf codec web-ca passport-codec serverAuth yes
# A rotation puts the next CA first (the server's reload compares each CA file's first certificate only).
if [ -s clients-ca-next.pem ]; then cat clients-ca-next.pem clients-ca.pem; else cat clients-ca.pem; fi >client-cas.pem
chmod 644 client-cas.pem
