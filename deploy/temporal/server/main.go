// Command temporal-server is Temporal's server v1.29.1 with this project's authorization: the stock services, the
// stock configuration (deploy/temporal/config), and a claim mapper and authorizer of our own (authorization.go),
// because the stock ones cannot say what the project needs (docs/runbook.md, "Who may do what in Temporal"):
//
//   - services by certificate: the API and the workers are who their client certificate says (the stock claim
//     mapper ignores the certificate and wants a token from every caller);
//   - people by token, with exp, iss and aud required (the stock one accepts a token without exp and any issuer);
//   - an operator reads, signals and cancels, but does not terminate, reset or delete (stock: one `write` role).
//
// The command line is the stock server's, for the part this project uses:
//
//	temporal-server --root DIR --config config --env temporal start --service frontend [--service ...]
package main

import (
	"flag"
	"fmt"
	"os"
	"path"
	"strings"
	_ "time/tzdata" // embed tzdata as a fallback, as the stock server does

	"go.temporal.io/server/common/authorization"
	"go.temporal.io/server/common/config"
	"go.temporal.io/server/common/dynamicconfig"
	"go.temporal.io/server/common/log"
	_ "go.temporal.io/server/common/persistence/sql/sqlplugin/postgresql" // the only persistence this project uses
	"go.temporal.io/server/temporal"
)

type serviceList []string

func (s *serviceList) String() string     { return strings.Join(*s, ",") }
func (s *serviceList) Set(v string) error { *s = append(*s, v); return nil }

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run(args []string) error {
	global := flag.NewFlagSet("temporal-server", flag.ContinueOnError)
	root := global.String("root", ".", "root directory of execution environment")
	configDir := global.String("config", "config", "config dir path relative to root")
	env := global.String("env", "development", "runtime environment")
	zone := global.String("zone", "", "availability zone")
	if err := global.Parse(args); err != nil {
		return err
	}
	if global.Arg(0) != "start" {
		return fmt.Errorf("usage: temporal-server --root DIR --config DIR --env NAME start --service NAME...")
	}
	start := flag.NewFlagSet("start", flag.ContinueOnError)
	var services serviceList
	start.Var(&services, "service", "service to start (repeatable)")
	if err := start.Parse(global.Args()[1:]); err != nil {
		return err
	}
	if len(services) == 0 {
		services = temporal.DefaultServices
	}

	cfg, err := config.LoadConfig(*env, path.Join(*root, *configDir), *zone)
	if err != nil {
		return fmt.Errorf("unable to load configuration: %w", err)
	}
	logger := log.NewZapLogger(log.BuildZapLogger(cfg.Log))

	var dynamicConfigClient dynamicconfig.Client = dynamicconfig.NewNoopClient()
	if cfg.DynamicConfigClient != nil {
		dynamicConfigClient, err = dynamicconfig.NewFileBasedClient(cfg.DynamicConfigClient, logger, temporal.InterruptCh())
		if err != nil {
			return fmt.Errorf("unable to create dynamic config client: %w", err)
		}
	}

	policy, err := loadPolicy(os.Getenv)
	if err != nil {
		return fmt.Errorf("authorization settings: %w", err)
	}
	keys := authorization.NewDefaultTokenKeyProvider(&cfg.Global.Authorization, logger)
	claimMapper := newClaimMapper(policy, keys, logger)

	server, err := temporal.NewServer(
		temporal.ForServices(services),
		temporal.WithConfig(cfg),
		temporal.WithDynamicConfigClient(dynamicConfigClient),
		temporal.WithLogger(logger),
		temporal.InterruptOn(temporal.InterruptCh()),
		temporal.WithAuthorizer(newAuthorizer(policy)),
		temporal.WithClaimMapper(func(*config.Config) authorization.ClaimMapper { return claimMapper }),
	)
	if err != nil {
		return fmt.Errorf("unable to create server: %w", err)
	}
	if err := server.Start(); err != nil {
		return fmt.Errorf("unable to start server: %w", err)
	}
	return nil
}
