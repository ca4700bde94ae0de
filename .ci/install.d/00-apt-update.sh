# Refresh the package lists once; later steps install by name.
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
