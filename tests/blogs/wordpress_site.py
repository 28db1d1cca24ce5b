"""A real WordPress for the tests: Debian's package, on 127.0.0.1, in a folder of its own.

The steps are those of the project's local WordPress recipe: MariaDB on a
private socket (no network), a copy of the package's site with its own
wp-config.php, WordPress installed from PHP with an admin and an application
password, PHP's built-in server on a free port. Nothing outside the folder is
touched; ``stop`` ends both servers.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from waiting import wait_until

PACKAGES = "wordpress mariadb-server php-cli php-mysql"
TOOLS = {"mariadb-install-db": "mariadb-server", "mariadbd": "mariadb-server", "mariadb": "mariadb-client",
         "php": "php-cli"}
WORDPRESS_DIRS = (Path("/usr/share/wordpress"),)

WP_CONFIG = """<?php
define('DB_NAME', 'wp'); define('DB_USER', 'wp'); define('DB_PASSWORD', 'wp');
define('DB_HOST', 'localhost:{socket}'); define('DB_CHARSET', 'utf8mb4'); define('DB_COLLATE', '');
define('WP_ENVIRONMENT_TYPE', 'local');  // application passwords without HTTPS
foreach (['AUTH_KEY','SECURE_AUTH_KEY','LOGGED_IN_KEY','NONCE_KEY','AUTH_SALT','SECURE_AUTH_SALT','LOGGED_IN_SALT',
          'NONCE_SALT'] as $k) define($k, 'local-only');
define('WP_CONTENT_DIR', __DIR__ . '/wp-content');
define('DISABLE_WP_CRON', true); define('AUTOMATIC_UPDATER_DISABLED', true);
$table_prefix = 'wp_';
if (!defined('ABSPATH')) define('ABSPATH', __DIR__ . '/');
require_once ABSPATH . 'wp-settings.php';
"""

INSTALL = """<?php
define('WP_INSTALLING', true);
$_SERVER['HTTP_HOST'] = '127.0.0.1:{port}'; $_SERVER['REQUEST_URI'] = '/';
require '{site}/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
$r = wp_install('Review Desk test blog', 'admin', 'admin@example.com', true, '', 'admin-password');
update_option('siteurl', 'http://127.0.0.1:{port}'); update_option('home', 'http://127.0.0.1:{port}');
list($pw, $item) = WP_Application_Passwords::create_new_application_password($r['user_id'], ['name' => 'reviewdesk']);
echo "\\n" . $pw;
"""


def what_is_missing() -> str | None:
    """Why a WordPress cannot be started here, or None."""
    absent = sorted({pkg for tool, pkg in TOOLS.items() if shutil.which(tool) is None})
    if not any((d / "wp-settings.php").is_file() for d in WORDPRESS_DIRS):
        absent.insert(0, "wordpress")
    if absent:
        return f"a real WordPress needs the Debian packages {PACKAGES} ({', '.join(absent)} missing)"
    return None


def _link_or_copy(source: str, target: str) -> None:
    """WordPress's own code, which it never writes to (updates are off), is
    linked where the file system allows: a copy of its 56 MB took ~2 s.
    wp-content, where WordPress writes, is always copied."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class WordPress:
    folder: Path
    url: str = ""
    user: str = "admin"
    password: str = ""
    port: int = 0
    started_in: float = 0.0
    processes: list[subprocess.Popen] = field(default_factory=list)

    # Reading what the blog has, as its REST API gives it -----------------
    def api(self, route: str, **params) -> object:
        query = "&".join(f"{k}={v}" for k, v in {"rest_route": route, **params}.items())
        request = urllib.request.Request(f"{self.url}/?{query}", headers={"Authorization": self._basic()})
        with urllib.request.urlopen(request, timeout=30) as answer:
            return json.loads(answer.read())

    def call(self, method: str, route: str, body: dict | None = None) -> tuple[int, object]:
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(f"{self.url}/?rest_route={route}", data=data, method=method,
                                         headers={"Authorization": self._basic(), "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=30) as answer:
                return answer.status, json.loads(answer.read())
        except urllib.error.HTTPError as exc:
            return exc.code, json.loads(exc.read() or b"null")

    def post(self, post_id) -> dict:
        return self.api(f"/wp/v2/posts/{post_id}", context="edit")

    def posts(self) -> list[dict]:
        return self.api("/wp/v2/posts", context="edit", status="any", per_page=100)

    def media(self) -> list[dict]:
        return self.api("/wp/v2/media", context="edit", per_page=100)

    def _basic(self) -> str:
        return "Basic " + base64.b64encode(f"{self.user}:{self.password}".encode()).decode()

    # Starting and stopping -------------------------------------------------
    def start(self) -> "WordPress":
        began = time.monotonic()
        self.port = free_port()
        db, sock = self.folder / "db", self.folder / "mysql.sock"
        db.mkdir(parents=True)
        self._run(["mariadb-install-db", "--no-defaults", "--user=root", f"--datadir={db}", "--auth-root-authentication-method=normal",
                   "--skip-test-db"], "install-db.log")
        self._spawn(["mariadbd", "--no-defaults", "--user=root", f"--datadir={db}", f"--socket={sock}",
                     "--skip-networking", f"--pid-file={self.folder / 'mysql.pid'}"], "mariadb.log")
        wait_until(sock.exists, "MariaDB's socket", timeout=30)
        self._run(["mariadb", f"--socket={sock}", "-uroot", "-e",
                   "CREATE DATABASE wp; CREATE USER 'wp'@'localhost' IDENTIFIED BY 'wp'; "
                   "GRANT ALL ON wp.* TO 'wp'@'localhost';"], "create-db.log")
        source = next(d for d in WORDPRESS_DIRS if (d / "wp-settings.php").is_file())
        site = self.folder / "site"
        shutil.copytree(source, site, symlinks=False, ignore_dangling_symlinks=True, copy_function=_link_or_copy,
                        ignore=shutil.ignore_patterns("wp-config.php", "wp-content"))
        shutil.copytree(source / "wp-content", site / "wp-content", symlinks=False, ignore_dangling_symlinks=True)
        (site / "wp-config.php").write_text(WP_CONFIG.format(socket=sock))
        (site / "wp-content" / "uploads").mkdir(parents=True, exist_ok=True)
        install = self.folder / "install.php"
        install.write_text(INSTALL.format(port=self.port, site=site))
        done = subprocess.run(["php", str(install)], capture_output=True, text=True, timeout=120)
        self.password = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""
        if done.returncode != 0 or len(self.password) < 20:
            raise RuntimeError(f"WordPress did not install: {done.stdout[-500:]} {done.stderr[-500:]}")
        self.url = f"http://127.0.0.1:{self.port}"
        self._spawn(["php", "-S", f"127.0.0.1:{self.port}", "-t", str(site)], "php.log")
        wait_until(self._answers, "PHP's server", timeout=30)
        self.started_in = time.monotonic() - began
        return self

    def _answers(self) -> bool:
        try:
            with urllib.request.urlopen(f"{self.url}/?rest_route=/", timeout=2) as answer:
                return answer.status == 200
        except (OSError, urllib.error.URLError):
            return False

    def _run(self, argv: list[str], log: str) -> None:
        with open(self.folder / log, "w") as out:
            done = subprocess.run(argv, stdout=out, stderr=subprocess.STDOUT, timeout=120)
        if done.returncode != 0:
            raise RuntimeError(f"{argv[0]} failed: {(self.folder / log).read_text()[-800:]}")

    def _spawn(self, argv: list[str], log: str) -> None:
        out = open(self.folder / log, "w")
        self.processes.append(subprocess.Popen(argv, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL))
        out.close()

    def stop(self) -> None:
        for process in reversed(self.processes):
            if process.poll() is None:
                process.terminate()
        for process in reversed(self.processes):
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        self.processes.clear()


def environment(wordpress: WordPress) -> dict[str, str]:
    """The variables that make it the ``wordpress`` account."""
    return {"REVIEWDESK_WORDPRESS_URL": wordpress.url, "REVIEWDESK_WORDPRESS_USER": wordpress.user,
            "REVIEWDESK_WORDPRESS_PASSWORD": wordpress.password}


if __name__ == "__main__":  # start one by hand to look at it: python tests/blogs/wordpress_site.py DIR
    import sys

    site = WordPress(Path(sys.argv[1])).start()
    print(site.url, site.user, site.password, f"({site.started_in:.1f} s)")
    try:
        site.processes[-1].wait()
    except KeyboardInterrupt:
        site.stop()
