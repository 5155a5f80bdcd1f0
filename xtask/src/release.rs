//! `cargo xtask release`: a release archive `dist/cohort-<version>-<target>.tar.gz` with the
//! binary, README, example config, the protos and the license, plus its `.sha256`; refuses a
//! dirty tree so every archive matches a commit. `cargo xtask release --check ARCHIVE`
//! verifies an archive against its checksum and its expected contents.
//!
//! Archives are reproducible for a given binary: entries sorted, owner 0, mtime 0, gzip
//! without a name or timestamp.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail, ensure};

use crate::project_root;
use crate::test::run_cargo;

/// Files of every archive besides the binary, relative to the project root.
const DOCS: &[&str] = &["README.md", "LICENSE", "cohort.example.toml"];

fn output(cmd: &mut Command) -> Result<String> {
    let out = cmd.output().with_context(|| format!("running {cmd:?}"))?;
    ensure!(
        out.status.success(),
        "{cmd:?} failed: {}",
        String::from_utf8_lossy(&out.stderr).trim()
    );
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// The workspace version (`[workspace.package] version`).
pub fn version(root: &Path) -> Result<String> {
    let manifest = std::fs::read_to_string(root.join("Cargo.toml"))?;
    let mut in_package = false;
    for line in manifest.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            in_package = line == "[workspace.package]";
        } else if in_package && let Some(v) = line.strip_prefix("version = ") {
            return Ok(v.trim_matches('"').to_owned());
        }
    }
    bail!("no [workspace.package] version in Cargo.toml")
}

fn host_target() -> Result<String> {
    let vv = output(Command::new("rustc").arg("-vV"))?;
    vv.lines()
        .find_map(|l| l.strip_prefix("host: "))
        .map(str::to_owned)
        .context("rustc -vV printed no host")
}

pub fn run(check: Option<PathBuf>) -> Result<()> {
    let root = project_root();
    if let Some(archive) = check {
        verify(&archive)?;
        println!("{} verified", archive.display());
        return Ok(());
    }
    let dirty = output(
        Command::new("git")
            .args(["status", "--porcelain"])
            .current_dir(&root),
    )?;
    if !dirty.trim().is_empty() {
        bail!(
            "the working tree is dirty; commit or stash first:\n{}",
            dirty.trim_end()
        );
    }
    run_cargo(
        &[
            "build",
            "--release",
            "--locked",
            "--package",
            "cohort",
            "--bin",
            "cohort",
        ]
        .map(String::from),
        &[],
    )?;
    let name = format!("cohort-{}-{}", version(&root)?, host_target()?);
    let archive = package(
        &root,
        &root.join("target/release/cohort"),
        &root.join("dist"),
        &name,
    )?;
    verify(&archive)?;
    println!("{}", archive.display());
    println!("{}.sha256", archive.display());
    Ok(())
}

/// Lays out `<name>/` in a staging dir and writes `<out>/<name>.tar.gz` and its `.sha256`.
pub fn package(root: &Path, binary: &Path, out: &Path, name: &str) -> Result<PathBuf> {
    let staging = tempfile::tempdir()?;
    let top = staging.path().join(name);
    std::fs::create_dir_all(top.join("bin"))?;
    std::fs::copy(binary, top.join("bin/cohort"))
        .with_context(|| format!("copying {}", binary.display()))?;
    for doc in DOCS {
        std::fs::copy(root.join(doc), top.join(doc)).with_context(|| format!("copying {doc}"))?;
    }
    let protos = top.join("proto/cohort/v1");
    std::fs::create_dir_all(&protos)?;
    for entry in std::fs::read_dir(root.join("proto/cohort/v1"))? {
        let entry = entry?;
        std::fs::copy(entry.path(), protos.join(entry.file_name()))?;
    }
    std::fs::create_dir_all(out)?;
    let tar = out.join(format!("{name}.tar"));
    output(
        Command::new("tar")
            .args([
                "--sort=name",
                "--mtime=@0",
                "--owner=0",
                "--group=0",
                "--numeric-owner",
                "-cf",
            ])
            .arg(&tar)
            .arg(name)
            .current_dir(staging.path()),
    )?;
    let gz = out.join(format!("{name}.tar.gz"));
    let _ = std::fs::remove_file(&gz);
    output(Command::new("gzip").args(["-n", "-9", "-f"]).arg(&tar))?;
    let sum = output(
        Command::new("sha256sum")
            .arg(format!("{name}.tar.gz"))
            .current_dir(out),
    )?;
    std::fs::write(out.join(format!("{name}.tar.gz.sha256")), sum)?;
    Ok(gz)
}

/// Checks the archive against `<archive>.sha256` and that it holds what a release holds.
pub fn verify(archive: &Path) -> Result<()> {
    let archive = &std::fs::canonicalize(archive)
        .with_context(|| format!("{} does not exist", archive.display()))?;
    let dir = archive.parent().context("archive has no directory")?;
    let file = archive
        .file_name()
        .context("archive has no file name")?
        .to_string_lossy();
    let sums = dir.join(format!("{file}.sha256"));
    ensure!(sums.exists(), "{} is missing", sums.display());
    output(
        Command::new("sha256sum")
            .args(["--check", "--strict"])
            .arg(&sums)
            .current_dir(dir),
    )
    .with_context(|| format!("{file} does not match its checksum"))?;
    let name = file.strip_suffix(".tar.gz").context("not a .tar.gz")?;
    let listing = output(Command::new("tar").arg("-tzf").arg(archive))?;
    let entries: Vec<&str> = listing.lines().collect();
    let mut expected: Vec<String> = vec![format!("{name}/bin/cohort")];
    expected.extend(DOCS.iter().map(|d| format!("{name}/{d}")));
    expected.push(format!("{name}/proto/cohort/v1/pricing.proto"));
    for want in &expected {
        ensure!(entries.contains(&want.as_str()), "{file} lacks {want}");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packages_and_verifies_an_archive() {
        let root = project_root();
        let dir = tempfile::tempdir().unwrap();
        let binary = dir.path().join("cohort");
        std::fs::write(&binary, b"#!/bin/sh\necho cohort\n").unwrap();
        let out = dir.path().join("dist");
        let archive = package(&root, &binary, &out, "cohort-0.0.0-test").unwrap();
        verify(&archive).unwrap();
        // A relative path works too (as typed after `cargo xtask release`).
        let cwd = std::env::current_dir().unwrap();
        std::env::set_current_dir(dir.path()).unwrap();
        let relative = verify(Path::new("dist/cohort-0.0.0-test.tar.gz"));
        std::env::set_current_dir(cwd).unwrap();
        relative.unwrap();
        // Same inputs, same bytes.
        let first = std::fs::read(&archive).unwrap();
        let again = package(&root, &binary, &out, "cohort-0.0.0-test").unwrap();
        assert_eq!(first, std::fs::read(again).unwrap());
        // A changed byte fails the check.
        let mut bytes = first.clone();
        let last = bytes.len() - 1;
        bytes[last] ^= 1;
        std::fs::write(&archive, bytes).unwrap();
        assert!(verify(&archive).is_err());
        assert!(version(&root).unwrap().contains('.'));
    }
}
