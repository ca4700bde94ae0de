# shellcheck shell=bash
# Container engine for the Compose stack's proofs (infra-docker) and the Ansible deployment
# (infra-ansible): podman + runc behind a Docker-API socket, Debian's docker-compose 1.29, and the
# base images that no registry can give us here, built from Debian packages with mmdebstrap.
# Sourced by .ci/run as root; idempotent, and a few seconds when everything is already there.

# apt_install_missing comes from 00-apt-update.sh, which .ci/run sources first; run on its own,
# this step sources it itself.
# shellcheck disable=SC1091 # (00-apt-update.sh is linted on its own; this path is only known at run time)
declare -F apt_install_missing >/dev/null || source "$(dirname "${BASH_SOURCE[0]}")/00-apt-update.sh"
export DEBIAN_FRONTEND=noninteractive
export DOCKER_HOST=unix:///run/podman/podman.sock
# Testcontainers cannot pull its reaper image here.
export TESTCONTAINERS_RYUK_DISABLED=true

podman_install_packages() {
  # netavark + aardvark-dns + iptables: podman's bridge networks with DNS between services (only
  # recommended by Debian's packages, so named here).
  local wanted=(podman runc netavark aardvark-dns iptables catatonit docker-compose mmdebstrap nginx openssl
    shellcheck curl jq ca-certificates util-linux iproute2 systemd)
  apt_install_missing 20-podman -- "${wanted[@]}"
}

podman_write_containers_conf() {
  # crun fails on this machine's hybrid cgroups; containers need explicit ulimits below the host's.
  mkdir -p /etc/containers
  local conf=/etc/containers/containers.conf
  local wanted
  wanted=$'[containers]\ndefault_ulimits = ["nofile=4096:8192","nproc=4096:8192"]\n[engine]\nruntime = "runc"\n'
  if [[ ! -f "${conf}" ]] || [[ "$(cat "${conf}")"$'\n' != "${wanted}" ]]; then
    printf '%s' "${wanted}" > "${conf}"
  fi
}

podman_start_service() {
  if curl -fsS --max-time 5 --unix-socket /run/podman/podman.sock http://d/_ping >/dev/null 2>&1; then
    return 0
  fi
  mkdir -p /run/podman
  echo "20-podman: starting podman system service on ${DOCKER_HOST}"
  # From /: the service outlives this checkout, and conmon fails every container start ("write
  # child: broken pipe") once the directory the service was started in has been deleted.
  (cd / && setsid podman system service --time=0 "${DOCKER_HOST}" >/var/log/podman-service.log 2>&1 </dev/null &)
  local _
  for _ in $(seq 1 50); do
    if curl -fsS --max-time 2 --unix-socket /run/podman/podman.sock http://d/_ping >/dev/null 2>&1; then
      return 0
    fi
    sleep 0.2
  done
  echo "20-podman: podman's socket did not answer; see /var/log/podman-service.log" >&2
  return 1
}

# podman_build_base_image TAG PACKAGES CMD: a Debian bookworm root filesystem with PACKAGES,
# imported as TAG. The machine's own apt sources file is passed so that no mirror is named here.
podman_build_base_image() {
  local tag="$1" packages="$2" cmd="$3"
  if podman image exists "${tag}"; then
    return 0
  fi
  local sources=/etc/apt/sources.list.d/debian.sources
  [[ -f "${sources}" ]] || sources=/etc/apt/sources.list
  local rootfs
  rootfs="$(mktemp --suffix=.tar)"
  echo "20-podman: building ${tag} (${packages}) with mmdebstrap"
  mmdebstrap --quiet --variant=apt --include="${packages}" bookworm "${rootfs}" "${sources}"
  podman import --change "CMD ${cmd}" "${rootfs}" "${tag}" >/dev/null
  rm -f "${rootfs}"
}

#######################################
# The JRE base as a docker-archive tarball, for Jib (no registry here): the build's images profile
# reads it through -Djib.from.image=tar://..., which this step adds to MAVEN_ARGS (.ci/run sources
# the steps, so ./mvnw sees it; Maven 3.9 reads MAVEN_ARGS).
#######################################
podman_save_jib_base() {
  local image="$1" tar="$2"
  local id
  id="$(podman image inspect --format '{{.Id}}' "${image}")"
  if [[ ! -f "${tar}" || ! -f "${tar}.id" || "$(cat "${tar}.id")" != "${id}" ]]; then
    echo "20-podman: saving ${image} to ${tar} (the images' base for Jib)"
    mkdir -p "$(dirname "${tar}")"
    podman save -q --format docker-archive -o "${tar}" "${image}"
    printf '%s' "${id}" > "${tar}.id"
  fi
  export MAVEN_ARGS="${MAVEN_ARGS:-} -Pimages -Djib.from.image=tar://${tar}"
}

podman_install_packages
podman_write_containers_conf
podman_start_service
podman_build_base_image localhost/todolist-jre:17 openjdk-17-jre-headless,ca-certificates,curl '["/bin/bash"]'
podman_build_base_image localhost/todolist-nginx:1.22 nginx,curl,openssl,ca-certificates \
  '["nginx","-g","daemon off;"]'
podman_build_base_image localhost/todolist-prometheus:2.42 prometheus,ca-certificates \
  '["/usr/bin/prometheus","--config.file=/etc/prometheus/prometheus.yml"]'
podman_save_jib_base localhost/todolist-jre:17 /var/cache/todolist/todolist-jre-17.tar
