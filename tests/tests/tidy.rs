//! Tidy tests, as in rust-analyzer: facts about the code base that no compiler checks. Every
//! workspace crate is in `docs/architecture.md`; dependencies point down the layers (read
//! from `cargo metadata`); the application core knows no transport; no `todo!` or `dbg!` is
//! left in a source file.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the tests package sits in the workspace")
        .to_path_buf()
}

/// Every workspace package: its directory (relative to the root) and its normal (not dev,
/// not build) dependencies.
fn packages() -> BTreeMap<String, (String, Vec<String>)> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo)
        .args([
            "metadata",
            "--format-version",
            "1",
            "--no-deps",
            "--offline",
        ])
        .current_dir(root())
        .output()
        .expect("cargo metadata runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let root = root();
    let mut packages = BTreeMap::new();
    for p in json["packages"].as_array().unwrap() {
        let manifest = Path::new(p["manifest_path"].as_str().unwrap());
        let dir = manifest
            .parent()
            .unwrap()
            .strip_prefix(&root)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let deps = p["dependencies"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["kind"].is_null())
            .map(|d| d["name"].as_str().unwrap().to_owned())
            .collect();
        packages.insert(p["name"].as_str().unwrap().to_owned(), (dir, deps));
    }
    packages
}

/// The layers, bottom first: a crate may depend only on crates of lower layers.
const LAYERS: &[&[&str]] = &[
    &["cohort-domain"],
    &[
        "cohort-engine",
        "cohort-aep",
        "cohort-aep-fake",
        "cohort-store",
    ],
    &["cohort-proto"],
    &["cohort-app"],
    &["cohort-console"],
    &["cohort-server"],
    &["cohort"],
    // Tooling: nothing depends on it.
    &["cohort-tests", "xtask", "cohort-peer-zen"],
];

fn layer(name: &str) -> Option<usize> {
    LAYERS.iter().position(|l| l.contains(&name))
}

#[test]
fn dependencies_point_down_the_layers() {
    let packages = packages();
    for (name, (_, deps)) in &packages {
        let Some(own) = layer(name) else {
            panic!("{name} is in no layer: add it to LAYERS and docs/architecture.md");
        };
        for dep in deps.iter().filter(|d| packages.contains_key(*d)) {
            let theirs = layer(dep).unwrap();
            assert!(
                theirs < own,
                "{name} (layer {own}) depends on {dep} (layer {theirs}): dependencies point down"
            );
        }
    }
}

#[test]
fn every_crate_is_in_the_architecture_doc() {
    let doc = std::fs::read_to_string(root().join("docs/architecture.md")).unwrap();
    for (name, (dir, _)) in packages() {
        assert!(
            doc.contains(&format!("`{dir}")),
            "docs/architecture.md has no section for {name} ({dir})"
        );
    }
}

#[test]
fn the_application_core_knows_no_transport() {
    let packages = packages();
    let (dir, deps) = &packages["cohort-app"];
    for banned in [
        "tonic",
        "tonic-health",
        "tonic-reflection",
        "clap",
        "axum",
        "http",
        "tower",
    ] {
        assert!(
            !deps.iter().any(|d| d == banned),
            "cohort-app depends on {banned}"
        );
    }
    for file in rust_files(&root().join(dir)) {
        let text = std::fs::read_to_string(&file).unwrap();
        for banned in ["tonic::", "clap::", "axum::"] {
            assert!(!text.contains(banned), "{} uses {banned}", file.display());
        }
    }
}

#[test]
fn no_todo_or_dbg_is_left() {
    // Spelled in two pieces so this file does not find itself.
    let needles = [
        concat!("todo", "!("),
        concat!("dbg", "!("),
        concat!("unimplemented", "!("),
    ];
    let mut found = Vec::new();
    for dir in ["crates", "tests", "xtask", "benches"] {
        for file in rust_files(&root().join(dir)) {
            let text = std::fs::read_to_string(&file).unwrap();
            for (i, line) in text.lines().enumerate() {
                if needles.iter().any(|n| line.contains(n)) {
                    found.push(format!("{}:{}", file.display(), i + 1));
                }
            }
        }
    }
    assert!(found.is_empty(), "left in: {found:?}");
}

/// Every `.rs` file below `dir`, generated code and build output excepted.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let name = entry.file_name();
            if path.is_dir() {
                if name != "target" && name != "gen" {
                    stack.push(path);
                }
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}
