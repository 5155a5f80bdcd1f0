//! A throwaway PostgreSQL for the test suite: `initdb` + `pg_ctl` from the machine's
//! packages, as the `postgres` user when running as root, in a temp dir, on a free port,
//! stopped when dropped (so also when the tests fail).

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};

pub struct TempPostgres {
    bin: PathBuf,
    data: PathBuf,
    _dir: tempfile::TempDir,
    as_postgres: bool,
    pub url: String,
}

/// Where `initdb` and `pg_ctl` live: on PATH, else Debian's versioned directory.
fn bin_dir() -> Result<PathBuf> {
    if let Ok(out) = Command::new("sh")
        .args(["-c", "command -v initdb"])
        .output()
        && out.status.success()
    {
        let p = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
        let p = std::fs::canonicalize(&p).unwrap_or(p);
        if let Some(dir) = p.parent() {
            return Ok(dir.to_path_buf());
        }
    }
    let mut versions: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .map(|d| {
            d.filter_map(|e| e.ok().map(|e| e.path().join("bin")))
                .collect()
        })
        .unwrap_or_default();
    versions.sort();
    versions
        .into_iter()
        .rev()
        .find(|b| b.join("initdb").exists())
        .context("initdb not found: install PostgreSQL (apt-get install -y postgresql)")
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

impl TempPostgres {
    pub fn start() -> Result<TempPostgres> {
        let bin = bin_dir()?;
        let dir = tempfile::Builder::new().prefix("cohort-pg-").tempdir()?;
        let data = dir.path().join("data");
        let as_postgres = is_root();
        if as_postgres {
            // initdb refuses to run as root: the cluster belongs to `postgres`.
            run(Command::new("chown")
                .args(["-R", "postgres:postgres"])
                .arg(dir.path()))?;
        }
        let port = TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
        let pg = TempPostgres {
            bin,
            data,
            _dir: dir,
            as_postgres,
            url: format!("postgres://postgres@127.0.0.1:{port}/postgres"),
        };
        pg.run_pg(
            "initdb",
            &[
                "-D".as_ref(),
                pg.data.as_os_str(),
                "-U".as_ref(),
                "postgres".as_ref(),
                "--auth=trust".as_ref(),
                "--no-sync".as_ref(),
                "-E".as_ref(),
                "UTF8".as_ref(),
            ],
        )?;
        let sock = pg.data.parent().unwrap_or(&pg.data).display().to_string();
        let opts = format!(
            "-p {port} -c listen_addresses=127.0.0.1 -k {sock} -c fsync=off -c max_connections=200 \
             -c shared_preload_libraries=pg_stat_statements"
        );
        pg.run_pg(
            "pg_ctl",
            &[
                "-D".as_ref(),
                pg.data.as_os_str(),
                "-o".as_ref(),
                opts.as_ref(),
                "-l".as_ref(),
                pg.data.join("log").as_os_str(),
                "-w".as_ref(),
                "start".as_ref(),
            ],
        )?;
        eprintln!("throwaway PostgreSQL at {}", pg.url);
        Ok(pg)
    }

    fn command(&self, tool: &str) -> Command {
        let exe = self.bin.join(tool);
        if self.as_postgres {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(exe);
            c
        } else {
            Command::new(exe)
        }
    }

    fn run_pg(&self, tool: &str, args: &[&std::ffi::OsStr]) -> Result<()> {
        let mut c = self.command(tool);
        c.args(args).current_dir(Path::new("/"));
        run(&mut c).with_context(|| format!("{tool} failed"))
    }
}

fn run(c: &mut Command) -> Result<()> {
    let out = c.output().with_context(|| format!("running {c:?}"))?;
    if !out.status.success() {
        bail!(
            "{c:?}: {}\n{}",
            out.status,
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    Ok(())
}

impl Drop for TempPostgres {
    fn drop(&mut self) {
        let mut c = self.command("pg_ctl");
        c.arg("-D")
            .arg(&self.data)
            .args(["-m", "immediate", "-w", "stop"])
            .current_dir("/");
        if let Err(e) = run(&mut c) {
            eprintln!("stopping the throwaway PostgreSQL: {e:#}");
        }
    }
}
