// Package ext stands in for Traefik's dynamic-configuration extension module, which lives in
// Traefik's repository as a nested module (pkg/config/dynamic/ext) and is therefore not part of the
// traefik/v3 module zip the Go module proxy serves. The open-source build embeds these types
// empty, so empty types are exactly what it expects.
package ext

// HTTP is embedded into dynamic.HTTP.
type HTTP struct{}

// Router is embedded into dynamic.Router.
type Router struct{}

// RouterIng carries extra router settings read from ingress annotations.
type RouterIng struct{}

// ToRouter converts the annotation settings into router settings (none here).
func (RouterIng) ToRouter() Router { return Router{} }
