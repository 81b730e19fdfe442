// Package helm pins Helm (helm.sh/helm/v3) for the deploy tests; scripts/cluster/helm.sh builds
// helm.sh/helm/v3/cmd/helm from this module. Not part of the cluster's binaries (lib.sh's
// cluster_bin_dir hashes only the cluster's own wrapper modules).
package helm
