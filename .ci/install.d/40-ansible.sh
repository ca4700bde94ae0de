# The Ansible deployment's proofs (infra-ansible): ansible-core, ansible-lint, and cron (the role
# installs the nightly backup in /etc/cron.d and makes sure a cron daemon is there; present
# beforehand, the role's convergence tests find nothing to install on this machine).
# Sourced by .ci/run as root; idempotent. The end-to-end deploy reuses 20-podman.sh's engine.

export DEBIAN_FRONTEND=noninteractive

ansible_install_packages() {
  local wanted=(ansible ansible-lint cron)
  local missing=() package
  for package in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}' "${package}" 2>/dev/null | grep -q 'install ok installed' \
      || missing+=("${package}")
  done
  if ((${#missing[@]} > 0)); then
    echo "40-ansible: installing ${missing[*]}"
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

ansible_install_packages
