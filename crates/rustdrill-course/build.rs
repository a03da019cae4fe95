//! Embeds the repository's course (info.toml, exercises/, solutions/) in the
//! binary, so `reset` works without git and `init` can write a course offline.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::{env, fs};

fn main() {
    // The course is the repository's: this crate sits in crates/NAME/.
    let root = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap())
        .join("../..")
        .canonicalize()
        .expect("the repository root");
    let mut files = Vec::new();
    let info = root.join("info.toml");
    if info.is_file() {
        files.push(info.clone());
    }
    println!("cargo::rerun-if-changed={}", info.display());
    // Each track's measured cost (`rustdrill dev measure`), when measured.
    let costs = root.join("track-costs.toml");
    if costs.is_file() {
        files.push(costs.clone());
    }
    println!("cargo::rerun-if-changed={}", costs.display());
    for top in ["exercises", "solutions"] {
        walk(&root.join(top), &mut files);
    }
    // Each language's catalogues (i18n/LANG/*.po), not the templates: a
    // learner's course is translated from them (`init --lang`, `lang`).
    if let Ok(langs) = fs::read_dir(root.join("i18n")) {
        for lang in langs.flatten() {
            if lang.file_name() != "templates" && lang.path().is_dir() {
                walk(&lang.path(), &mut files);
            }
        }
    }
    println!("cargo::rerun-if-changed={}", root.join("i18n").display());
    files.sort();

    let mut out = String::from("pub static FILES: &[(&str, &[u8])] = &[\n");
    for file in &files {
        let rel = file.strip_prefix(&root).unwrap();
        let rel = rel
            .to_str()
            .expect("course paths are UTF-8")
            .replace('\\', "/");
        writeln!(
            out,
            "    ({rel:?}, include_bytes!({:?})),",
            file.display().to_string()
        )
        .unwrap();
    }
    out.push_str("];\n");
    let dest = PathBuf::from(env::var("OUT_DIR").unwrap()).join("embedded_course.rs");
    fs::write(dest, out).unwrap();
}

/// Collects course files, skipping build output and hidden folders (but not
/// `.cargo`, which may scope `RUSTC_BOOTSTRAP` to one chapter). Only files are
/// watched: cargo would rescan a watched directory recursively, `target/`
/// included. A new exercise also changes info.toml and a manifest, which are.
fn walk(dir: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if name == "target" || (name.starts_with('.') && name != ".cargo") {
            continue;
        }
        if path.is_dir() {
            walk(&path, files);
        } else if matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("rs" | "toml" | "lock" | "md" | "sql" | "po")
        ) {
            println!("cargo::rerun-if-changed={}", path.display());
            files.push(path);
        }
    }
}
