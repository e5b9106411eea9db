# Sourced by scripts/setup, scripts/demo and scripts/package-test: running a step as root, and
# installing the Debian packages that are missing, with apt's own progress on the terminal.

# Runs "$@" as root: directly when this script runs as root, otherwise through sudo. The first
# call checks that sudo is there and lets this user in (it may ask for the password once), and
# stops with a plain message when it does not.
sudo_checked=no
as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
        return
    fi
    if [ "$sudo_checked" = no ]; then
        if ! command -v sudo >/dev/null 2>&1; then
            echo "$(basename "$0"): this step needs root, and $(id -un) is not root and sudo is not installed:" \
                "run it as root, or install sudo and give $(id -un) the right to use it" >&2
            exit 1
        fi
        # sudo -n true for a user whose sudo needs no password (sudo -v would still ask one who
        # is also in the sudo group); sudo -v asks the others for theirs.
        if ! sudo -n true 2>/dev/null && ! sudo -v; then
            echo "$(basename "$0"): this step needs root, and sudo does not let $(id -un) run commands as root:" \
                "run it as root, or add $(id -un) to the sudo group" >&2
            exit 1
        fi
        sudo_checked=yes
    fi
    sudo "$@"
}

# Installs those of the named packages that are not installed yet, and sets `newly_installed` to
# them (an array; empty when all were there).
install_missing() {
    newly_installed=()
    local package
    for package in "$@"; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || newly_installed+=("$package")
    done
    [ ${#newly_installed[@]} -gt 0 ] || return 0
    echo "$(basename "$0"): installing ${newly_installed[*]}"
    as_root apt-get update
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${newly_installed[@]}"
}

# What building cmc-kiosk needs: pkg-config and the C libraries' headers (Package.swift's system
# libraries). libncurses-dev is Debian 12's ncurses package; libncursesw5-dev, the name in
# Package.swift, is its transitional alias there.
build_packages=(
    pkg-config libncurses-dev libncursesw5-dev libpcsclite-dev libcurl4-openssl-dev libssl-dev
    libp11-kit-dev   # the standard pkcs11.h
)
