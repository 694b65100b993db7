package main

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509/pkix"
	"errors"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v4"
	"go.temporal.io/server/common/api"
	"go.temporal.io/server/common/authorization"
	"go.temporal.io/server/common/log"
)

// One ES256 key under kid "k1", as the provider's JWKS would publish it.
type testKeys struct{ key *ecdsa.PrivateKey }

func (k testKeys) EcdsaKey(_ string, kid string) (*ecdsa.PublicKey, error) {
	if kid != "k1" {
		return nil, errors.New("key not found")
	}
	return &k.key.PublicKey, nil
}
func (testKeys) HmacKey(string, string) ([]byte, error)        { return nil, errors.New("no HMAC keys") }
func (testKeys) RsaKey(string, string) (*rsa.PublicKey, error) { return nil, errors.New("no RSA keys") }
func (testKeys) SupportedMethods() []string                    { return []string{"RS256", "ES256"} }
func (testKeys) Close()                                        {}

const issuer = "https://id.example.sa"

func setup(t *testing.T) (*claimMapper, *authorizer, testKeys) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"TEMPORAL_AUTH_NAMESPACES": "passport", "TEMPORAL_AUTH_ISSUER": issuer}
	p, err := loadPolicy(func(name string) string { return env[name] })
	if err != nil {
		t.Fatal(err)
	}
	keys := testKeys{key}
	return newClaimMapper(p, keys, log.NewNoopLogger()), newAuthorizer(p), keys
}

func token(t *testing.T, keys testKeys, claims jwt.MapClaims, kid string) string {
	t.Helper()
	tok := jwt.NewWithClaims(jwt.SigningMethodES256, claims)
	tok.Header["kid"] = kid
	signed, err := tok.SignedString(keys.key)
	if err != nil {
		t.Fatal(err)
	}
	return "Bearer " + signed
}

func person(role string) jwt.MapClaims {
	now := time.Now()
	return jwt.MapClaims{
		"sub": "p-1", "role": role, "iss": issuer, "aud": "temporal",
		"iat": now.Unix(), "exp": now.Add(5 * time.Minute).Unix(),
	}
}

func decide(t *testing.T, a *authorizer, claims *authorization.Claims, method, namespace string) string {
	t.Helper()
	prefix := api.WorkflowServicePrefix
	if method == "AddSearchAttributes" {
		prefix = api.OperatorServicePrefix
	}
	result, err := a.Authorize(context.Background(), claims, &authorization.CallTarget{APIName: prefix + method, Namespace: namespace})
	if err != nil {
		t.Fatal(err)
	}
	if result.Decision == authorization.DecisionAllow {
		return "allow"
	}
	return "deny"
}

// Who may do what: the table the issue asks for, through the real claim mapping and authorizer.
func TestWhoMayDoWhat(t *testing.T) {
	mapper, authz, keys := setup(t)
	byCertificate := func(name string) *authorization.Claims {
		claims, err := mapper.GetClaims(&authorization.AuthInfo{TLSSubject: &pkix.Name{CommonName: name}})
		if err != nil {
			t.Fatal(err)
		}
		return claims
	}
	byToken := func(role string) *authorization.Claims {
		claims, err := mapper.GetClaims(&authorization.AuthInfo{
			TLSSubject: &pkix.Name{CommonName: "temporal-ui"},
			AuthToken:  token(t, keys, person(role), "k1"),
		})
		if err != nil {
			t.Fatal(err)
		}
		return claims
	}
	callers := map[string]*authorization.Claims{
		"passport-api":    byCertificate("passport-api"),
		"passport-worker": byCertificate("passport-worker"),
		"temporal-admin":  byCertificate("temporal-admin"),
		"ui, no token":    byCertificate("temporal-ui"),
		"operator":        byToken("operator"),
		"support":         byToken("support"),
		"citizen":         byToken("citizen"),
		"clerk":           byToken("clerk"),
	}
	type row struct{ caller, method, namespace, want string }
	rows := []row{
		{"passport-api", "StartWorkflowExecution", "passport", "allow"},
		{"passport-worker", "PollWorkflowTaskQueue", "passport", "allow"},
		{"passport-worker", "ListWorkflowExecutions", "temporal-system", "deny"},
		{"passport-worker", "AddSearchAttributes", "passport", "deny"},
		{"temporal-admin", "AddSearchAttributes", "passport", "allow"},
		{"temporal-admin", "ListWorkflowExecutions", "temporal-system", "allow"},
		{"ui, no token", "ListWorkflowExecutions", "passport", "deny"},
		{"ui, no token", "GetClusterInfo", "", "deny"},
		{"operator", "ListNamespaces", "", "allow"},
		{"operator", "GetClusterInfo", "", "allow"},
		{"operator", "GetWorkflowExecutionHistory", "passport", "allow"},
		{"operator", "QueryWorkflow", "passport", "allow"},
		{"operator", "SignalWorkflowExecution", "passport", "allow"},
		{"operator", "RequestCancelWorkflowExecution", "passport", "allow"},
		{"operator", "TerminateWorkflowExecution", "passport", "deny"},
		{"operator", "ResetWorkflowExecution", "passport", "deny"},
		{"operator", "DeleteWorkflowExecution", "passport", "deny"},
		{"operator", "StartBatchOperation", "passport", "deny"},
		{"operator", "UpdateWorkflowExecution", "passport", "deny"},
		{"operator", "StartWorkflowExecution", "passport", "deny"},
		{"operator", "ListWorkflowExecutions", "temporal-system", "deny"},
		{"support", "ListWorkflowExecutions", "passport", "allow"},
		{"support", "DescribeWorkflowExecution", "passport", "allow"},
		{"support", "SignalWorkflowExecution", "passport", "deny"},
		{"support", "RequestCancelWorkflowExecution", "passport", "deny"},
		{"citizen", "ListWorkflowExecutions", "passport", "deny"},
		{"citizen", "ListNamespaces", "", "deny"},
		{"clerk", "DescribeWorkflowExecution", "passport", "deny"},
		{"citizen", "GetSystemInfo", "", "allow"}, // a health check, open to all as on the stock server
	}
	for _, r := range rows {
		if got := decide(t, authz, callers[r.caller], r.method, r.namespace); got != r.want {
			t.Errorf("%s %s in %q: %s, want %s", r.caller, r.method, r.namespace, got, r.want)
		}
	}
	if got := decide(t, authz, nil, "ListWorkflowExecutions", "passport"); got != "deny" {
		t.Errorf("no claims at all: %s, want deny", got)
	}
}

// A service's certificate is who it is: a token sent along does not change it.
func TestCertificateWinsOverToken(t *testing.T) {
	mapper, _, keys := setup(t)
	claims, err := mapper.GetClaims(&authorization.AuthInfo{
		TLSSubject: &pkix.Name{CommonName: "passport-worker"},
		AuthToken:  token(t, keys, person("support"), "k1"),
	})
	if err != nil || claims.Extensions.(*identity).kind != kindService {
		t.Fatalf("got %+v, %v", claims, err)
	}
}

// Every token that is not a valid one of the provider, for Temporal, still valid: refused, whoever it names.
func TestTokensRefused(t *testing.T) {
	mapper, _, keys := setup(t)
	without := func(name string) jwt.MapClaims {
		claims := person("operator")
		delete(claims, name)
		return claims
	}
	with := func(name string, value interface{}) jwt.MapClaims {
		claims := person("operator")
		claims[name] = value
		return claims
	}
	other, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	forged := jwt.NewWithClaims(jwt.SigningMethodES256, person("operator"))
	forged.Header["kid"] = "k1"
	forgedToken, _ := forged.SignedString(other)
	hmac := jwt.NewWithClaims(jwt.SigningMethodHS256, person("operator"))
	hmac.Header["kid"] = "k1"
	hmacToken, _ := hmac.SignedString([]byte("any secret at all, 32 bytes long!"))
	cases := map[string]string{
		"no exp":       token(t, keys, without("exp"), "k1"),
		"expired":      token(t, keys, with("exp", time.Now().Add(-time.Minute).Unix()), "k1"),
		"other issuer": token(t, keys, with("iss", "https://elsewhere.example"), "k1"),
		"no issuer":    token(t, keys, without("iss"), "k1"),
		"API audience": token(t, keys, with("aud", "passport-renewal-api"), "k1"),
		"no audience":  token(t, keys, without("aud"), "k1"),
		"no sub":       token(t, keys, without("sub"), "k1"),
		"unknown kid":  token(t, keys, person("operator"), "k2"),
		"other key":    "Bearer " + forgedToken,
		"HS256":        "Bearer " + hmacToken,
		"not a bearer": "Basic b3BlcmF0b3I6cGFzc3dvcmQ=",
		"malformed":    "Bearer not.a.jwt",
		"alg none":     "Bearer eyJhbGciOiJub25lIiwia2lkIjoiazEifQ.eyJzdWIiOiJwLTEiLCJyb2xlIjoib3BlcmF0b3IifQ.",
	}
	for name, header := range cases {
		claims, err := mapper.GetClaims(&authorization.AuthInfo{TLSSubject: &pkix.Name{CommonName: "temporal-cli"}, AuthToken: header})
		if err == nil {
			t.Errorf("%s: accepted as %+v", name, claims)
		}
	}
}
