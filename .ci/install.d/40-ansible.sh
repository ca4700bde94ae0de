# shellcheck shell=bash
# The Ansible deployment's proofs (infra-ansible): ansible-core, ansible-lint, and cron (the role
# installs the nightly backup in /etc/cron.d and makes sure a cron daemon is there; present
# beforehand, the role's convergence tests find nothing to install on this machine).
# Sourced by .ci/run as root; idempotent. The end-to-end deploy reuses 20-podman.sh's engine.

# apt_install_missing comes from 00-apt-update.sh, which .ci/run sources first; run on its own,
# this step sources it itself.
# shellcheck disable=SC1091 # (00-apt-update.sh is linted on its own; this path is only known at run time)
declare -F apt_install_missing >/dev/null || source "$(dirname "${BASH_SOURCE[0]}")/00-apt-update.sh"
export DEBIAN_FRONTEND=noninteractive

ansible_install_packages() {
  local wanted=(ansible ansible-lint cron)
  apt_install_missing 40-ansible --no-install-recommends -- "${wanted[@]}"
}

ansible_install_packages
