module podium.local/tools/traefik

go 1.26.0

// Traefik's nested module, not in the proxy's zip (see ext/ext.go).
replace github.com/traefik/traefik/dynamic/ext => ./ext

// Traefik's forks, as in its go.mod, except go-http-auth: the proxy here does not serve
// containous/go-http-auth, so addons.sh copies the upstream it forks (v0.4.0) into
// ./go-http-auth-patched with the two functions the fork adds (go-http-auth-compat.go.txt).
replace (
	github.com/abbot/go-http-auth => ./go-http-auth-patched
	github.com/gorilla/mux => github.com/containous/mux v0.0.0-20250523120546-41b6ec3aed59
)

exclude github.com/tencentcloud/tencentcloud-sdk-go v3.0.83+incompatible

require github.com/traefik/traefik/v3 v3.7.13

// lego with its DNS-provider list emptied (see no-dns-providers.go.txt): scripts/cluster/addons.sh
// copies lego v5.4.1 from the module cache into ./lego-patched and swaps that one file.
replace github.com/go-acme/lego/v5 => ./lego-patched
