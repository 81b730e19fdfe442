// Package traefik pins Traefik v3 (github.com/traefik/traefik/v3) for the built-in cluster's
// gateway; scripts/cluster/addons.sh builds github.com/traefik/traefik/v3/cmd/traefik from this
// module. The replace and exclude lines repeat Traefik's own go.mod (go build ignores a
// dependency's replace directives), with ./ext for its nested extension module.
package traefik
