package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/golang-jwt/jwt/v4"
	"go.temporal.io/server/common/api"
	"go.temporal.io/server/common/authorization"
	"go.temporal.io/server/common/log"
	"go.temporal.io/server/common/log/tag"
)

// Who a caller of the frontend is, as the claim mapper found it; the authorizer decides on this alone.
type kind string

const (
	// A certificate of the launcher or the admin tools, and the server's own system worker: everything.
	kindAdmin kind = "admin"
	// The API and the workers, by their certificate: reads and writes in the application's namespaces.
	kindService kind = "service"
	// A person whose token says operator: reads, signals and cancels in the application's namespaces.
	kindOperator kind = "operator"
	// A person whose token says support: reads in the application's namespaces.
	kindSupport kind = "support"
)

type identity struct {
	kind    kind
	subject string
}

// policy is read once from the environment (the server's configuration file holds only the stock settings):
//
//	TEMPORAL_AUTH_NAMESPACES      namespaces services and people act in (comma-separated; default "default")
//	TEMPORAL_AUTH_SERVICE_CERTS   common names of the services' client certificates (passport-api,passport-worker)
//	TEMPORAL_AUTH_ADMIN_CERTS     common names of admin certificates (temporal-admin,temporal-system-worker)
//	TEMPORAL_AUTH_ISSUER          the `iss` people's tokens must carry; unset: no person is let in
//	TEMPORAL_AUTH_AUDIENCE        the `aud` they must carry (temporal)
//	TEMPORAL_AUTH_ROLE_CLAIM      the claim that names the person's role (role)
//	TEMPORAL_AUTH_OPERATOR_ROLES  its values that make an operator (operator)
//	TEMPORAL_AUTH_SUPPORT_ROLES   its values that make support (support)
//
// Tokens are verified with the keys of global.authorization.jwtKeyProvider (the provider's JWKS).
type policy struct {
	namespaces    map[string]bool
	serviceCerts  map[string]bool
	adminCerts    map[string]bool
	issuer        string
	audience      string
	roleClaim     string
	operatorRoles map[string]bool
	supportRoles  map[string]bool
}

func setOf(value string) map[string]bool {
	set := map[string]bool{}
	for _, item := range strings.Split(value, ",") {
		if item = strings.TrimSpace(item); item != "" {
			set[item] = true
		}
	}
	return set
}

func loadPolicy(getenv func(string) string) (*policy, error) {
	or := func(name, fallback string) string {
		if value := strings.TrimSpace(getenv(name)); value != "" {
			return value
		}
		return fallback
	}
	p := &policy{
		namespaces:    setOf(or("TEMPORAL_AUTH_NAMESPACES", "default")),
		serviceCerts:  setOf(or("TEMPORAL_AUTH_SERVICE_CERTS", "passport-api,passport-worker")),
		adminCerts:    setOf(or("TEMPORAL_AUTH_ADMIN_CERTS", "temporal-admin,temporal-system-worker")),
		issuer:        or("TEMPORAL_AUTH_ISSUER", ""),
		audience:      or("TEMPORAL_AUTH_AUDIENCE", "temporal"),
		roleClaim:     or("TEMPORAL_AUTH_ROLE_CLAIM", "role"),
		operatorRoles: setOf(or("TEMPORAL_AUTH_OPERATOR_ROLES", "operator")),
		supportRoles:  setOf(or("TEMPORAL_AUTH_SUPPORT_ROLES", "support")),
	}
	for name := range p.serviceCerts {
		if p.adminCerts[name] {
			return nil, fmt.Errorf("certificate name %q is both a service's and an admin's", name)
		}
	}
	return p, nil
}

// claimMapper: a client certificate named in the policy makes a service or an admin, whatever token comes with it;
// any other caller (the UI server, the CLI of a person) is who its bearer token says, or nobody.
type claimMapper struct {
	policy *policy
	keys   authorization.TokenKeyProvider
	logger log.Logger
}

var _ authorization.ClaimMapper = (*claimMapper)(nil)

func newClaimMapper(p *policy, keys authorization.TokenKeyProvider, logger log.Logger) *claimMapper {
	return &claimMapper{policy: p, keys: keys, logger: logger}
}

func (m *claimMapper) GetClaims(info *authorization.AuthInfo) (*authorization.Claims, error) {
	if info.TLSSubject != nil {
		name := info.TLSSubject.CommonName
		switch {
		case m.policy.adminCerts[name]:
			return &authorization.Claims{
				Subject:    "certificate:" + name,
				System:     authorization.RoleAdmin,
				Extensions: &identity{kind: kindAdmin, subject: name},
			}, nil
		case m.policy.serviceCerts[name]:
			return m.claims(identity{kind: kindService, subject: "certificate:" + name}, authorization.RoleWriter), nil
		}
	}
	if info.AuthToken == "" {
		// Nobody: the authorizer refuses everything but the health checks.
		return &authorization.Claims{}, nil
	}
	person, err := m.person(info.AuthToken)
	if err != nil {
		// Logged by the frontend ("Authorization error"); the caller gets "Request unauthorized." only.
		return nil, err
	}
	if person == nil {
		return &authorization.Claims{}, nil
	}
	role := authorization.RoleReader
	return m.claims(*person, role), nil
}

func (m *claimMapper) claims(who identity, role authorization.Role) *authorization.Claims {
	namespaces := map[string]authorization.Role{}
	for namespace := range m.policy.namespaces {
		namespaces[namespace] = role
	}
	return &authorization.Claims{Subject: who.subject, Namespaces: namespaces, Extensions: &who}
}

// person verifies a bearer token (signature by a key of the provider's JWKS, RS256 or ES256; exp, iss and aud
// required) and names the person's kind from its role claim; nil for a valid token of anyone else.
func (m *claimMapper) person(header string) (*identity, error) {
	scheme, token, found := strings.Cut(header, " ")
	if !found || !strings.EqualFold(scheme, "bearer") {
		return nil, errors.New("authorization header is not a bearer token")
	}
	if m.policy.issuer == "" {
		return nil, errors.New("no token issuer configured (TEMPORAL_AUTH_ISSUER): people's tokens are not accepted")
	}
	parser := jwt.NewParser(jwt.WithValidMethods(m.keys.SupportedMethods()))
	parsed, err := parser.Parse(token, func(token *jwt.Token) (interface{}, error) {
		kid, _ := token.Header["kid"].(string)
		if kid == "" {
			return nil, errors.New("token has no kid")
		}
		switch token.Method.(type) {
		case *jwt.SigningMethodRSA:
			return m.keys.RsaKey(token.Method.Alg(), kid)
		case *jwt.SigningMethodECDSA:
			return m.keys.EcdsaKey(token.Method.Alg(), kid)
		}
		return nil, fmt.Errorf("signing method %s not accepted", token.Method.Alg())
	})
	if err != nil {
		return nil, fmt.Errorf("token refused: %w", err)
	}
	claims, ok := parsed.Claims.(jwt.MapClaims)
	if !ok {
		return nil, errors.New("token has no claims")
	}
	// golang-jwt checks exp only when present: a token that never expires is refused here.
	if _, ok := claims["exp"].(float64); !ok {
		return nil, errors.New("token refused: no exp")
	}
	if !claims.VerifyIssuer(m.policy.issuer, true) {
		return nil, errors.New("token refused: issuer mismatch")
	}
	if !claims.VerifyAudience(m.policy.audience, true) {
		return nil, errors.New("token refused: audience mismatch")
	}
	subject, _ := claims["sub"].(string)
	if subject == "" {
		return nil, errors.New("token refused: no sub")
	}
	role, _ := claims[m.policy.roleClaim].(string)
	switch {
	case m.policy.operatorRoles[role]:
		return &identity{kind: kindOperator, subject: "person:" + subject}, nil
	case m.policy.supportRoles[role]:
		return &identity{kind: kindSupport, subject: "person:" + subject}, nil
	}
	m.logger.Info("Token of a person with no role in Temporal", tag.NewStringTag("role", role))
	return nil, nil
}

// authorizer decides by the caller's kind and the API's scope and access (the server's own API metadata).
type authorizer struct {
	policy *policy
}

var _ authorization.Authorizer = (*authorizer)(nil)

func newAuthorizer(p *policy) *authorizer { return &authorizer{policy: p} }

var (
	allow = authorization.Result{Decision: authorization.DecisionAllow}
	// What an operator may do beyond reading: signal a renewal (the UI's "Send a Signal") and ask it to cancel,
	// which the renewal compensates for. Terminate, reset, delete, update and batch operations stay out of reach.
	operatorWrites = map[string]bool{
		"SignalWorkflowExecution":        true,
		"RequestCancelWorkflowExecution": true,
	}
)

func deny(format string, args ...interface{}) authorization.Result {
	return authorization.Result{Decision: authorization.DecisionDeny, Reason: fmt.Sprintf(format, args...)}
}

func (a *authorizer) Authorize(_ context.Context, claims *authorization.Claims, target *authorization.CallTarget) (authorization.Result, error) {
	if authorization.IsHealthCheckAPI(target.APIName) {
		return allow, nil
	}
	var who *identity
	if claims != nil {
		who, _ = claims.Extensions.(*identity)
	}
	method := api.MethodName(target.APIName)
	if who == nil {
		return deny("no client certificate of a service and no token of an operator or support: %s refused", method), nil
	}
	if who.kind == kindAdmin {
		return allow, nil
	}
	metadata := api.GetMethodMetadata(target.APIName)
	switch metadata.Scope {
	case api.ScopeCluster:
		// The UI lists namespaces and reads the cluster's info and search attributes; nobody but an admin changes them.
		if metadata.Access == api.AccessReadOnly {
			return allow, nil
		}
		return deny("%s: %s is an admin's", who.kind, method), nil
	case api.ScopeNamespace:
		if !a.policy.namespaces[target.Namespace] {
			return deny("%s: namespace %q is not one of the application's", who.kind, target.Namespace), nil
		}
	default:
		return deny("%s: %s is not a known API", who.kind, method), nil
	}
	switch {
	case metadata.Access == api.AccessReadOnly:
		return allow, nil
	case who.kind == kindService && metadata.Access == api.AccessWrite:
		return allow, nil
	case who.kind == kindOperator && operatorWrites[method]:
		return allow, nil
	}
	return deny("%s may not call %s", who.kind, method), nil
}
