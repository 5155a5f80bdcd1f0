//! Library half of xtask, so that plain `#[test]`s (e.g. generated code freshness) can call
//! the same code as the command line.

pub mod bench;
pub mod codegen;
pub mod fuzz_engine;
pub mod postgres;
pub mod release;
pub mod test;

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

/// The workspace root (the parent of `xtask/`).
pub fn project_root() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    dir.parent().unwrap_or(dir).to_path_buf()
}

/// Writes `contents` to `path` when they differ; with `check`, fails instead, naming the
/// command that regenerates the file (rust-analyzer's `ensure_file_contents`).
pub fn ensure_file_contents(path: &Path, contents: &[u8], check: bool) -> Result<bool> {
    if let Ok(old) = std::fs::read(path)
        && old == contents
    {
        return Ok(false);
    }
    let shown = path.strip_prefix(project_root()).unwrap_or(path).display();
    if check {
        bail!(
            "{shown} is stale or was edited by hand; run `cargo xtask codegen` and commit the result"
        );
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("creating {}", parent.display()))?;
    }
    std::fs::write(path, contents).with_context(|| format!("writing {shown}"))?;
    eprintln!("updated {shown}");
    Ok(true)
}
