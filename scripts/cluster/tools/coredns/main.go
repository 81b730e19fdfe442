// Command coredns is the built-in cluster's DNS server: CoreDNS (github.com/coredns/coredns) with
// only the plugins a cluster's DNS needs, compiled in the way CoreDNS documents for custom builds
// (import the plugins, list them in dnsserver.Directives). Left out on purpose: forward, grpc,
// etcd, the cloud DNS plugins and everything else that could resolve or send a query outside this
// machine. scripts/cluster/addons.sh builds it (`go build .` here).
package main

import (
	"github.com/coredns/coredns/core/dnsserver"
	"github.com/coredns/coredns/coremain"

	_ "github.com/coredns/coredns/plugin/cache"
	_ "github.com/coredns/coredns/plugin/errors"
	_ "github.com/coredns/coredns/plugin/health"
	_ "github.com/coredns/coredns/plugin/kubernetes"
	_ "github.com/coredns/coredns/plugin/loadbalance"
	_ "github.com/coredns/coredns/plugin/ready"
	_ "github.com/coredns/coredns/plugin/reload"
	_ "github.com/coredns/coredns/plugin/template"
)

// The same relative order as CoreDNS's generated core/dnsserver/zdirectives.go: a request passes
// the plugins in this order, whatever order the Corefile names them in.
func init() {
	dnsserver.Directives = []string{
		"reload", "ready", "health", "errors", "loadbalance", "cache", "template", "kubernetes",
	}
}

func main() {
	coremain.Run()
}
