// tooling4 — lint levels in Cargo.toml: `[lints]`, `deny` and `forbid`.
//
// Every lint has a level: `allow`, `warn`, `deny` (an error) or `forbid`
// (an error that no `#[allow]` or `#[expect]` further in may lower).
// Cargo.toml sets levels for a package in `[lints.rust]` and
// `[lints.clippy]`, or for a whole workspace in `[workspace.lints]`, which
// a package adopts with `[lints] workspace = true` (one or the other, not
// both). Cargo hands them to the compiler as `-W`/`-D`/`-F` flags; an
// attribute in the code may still change a level, except under `forbid`.
//
// Open `06_tooling/Cargo.toml`: this chapter forbids `unsafe_code`. In a
// crate that needs no `unsafe`, that turns "is this sound?" into "there is
// none". Someone tried to lower that level for one function below: read
// what the compiler says of it first. roadmap.md §14

/// The first word of a line of bytes, or `None` when it is not UTF-8.
fn first_word(line: &[u8]) -> Option<&str> {
    let end = line.iter().position(|&b| b == b' ').unwrap_or(line.len());
    std::str::from_utf8(&line[..end]).ok()
}

fn main() {
    for line in [
        &b"hello world"[..],
        b"caf\xc3\xa9 au lait",
        b"\xff\xfe broken",
    ] {
        println!(
            "{:?} -> {:?}",
            String::from_utf8_lossy(line),
            first_word(line)
        );
    }
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_word_of_valid_text() {
        assert_eq!(first_word(b"hello world"), Some("hello"));
        assert_eq!(first_word("café au lait".as_bytes()), Some("café"));
        assert_eq!(first_word(b"single"), Some("single"));
        assert_eq!(first_word(b""), Some(""));
    }

    #[test]
    fn invalid_utf8_gives_none() {
        assert_eq!(first_word(b"\xff\xfe broken"), None);
        assert_eq!(first_word(b"caf\xc3 cut"), None, "a cut-off character");
    }
}
