//! Set-up shared by the exercises of the tooling chapter.

/// Panics when `source` silences `lint` with an attribute instead of fixing
/// the code: `#[allow(..)]` or `#[expect(..)]` (or their `#![...]` and
/// `cfg_attr` forms) naming the lint anywhere in their list, or a group
/// that holds it (`clippy::style`, `clippy::all`, …, `warnings`).
pub fn assert_not_silenced(source: &str, lint: &str) {
    const GROUPS: [&str; 11] = [
        "warnings",
        "clippy::all",
        "clippy::style",
        "clippy::complexity",
        "clippy::correctness",
        "clippy::suspicious",
        "clippy::perf",
        "clippy::pedantic",
        "clippy::nursery",
        "clippy::restriction",
        "clippy::cargo",
    ];
    let compact: String = source.chars().filter(|c| !c.is_whitespace()).collect();
    for level in ["allow", "expect"] {
        let opening = format!("{level}(");
        for (at, _) in compact.match_indices(&opening) {
            let list = &compact[at + opening.len()..];
            let list = &list[..list.find(')').unwrap_or(list.len())];
            for name in list.split(',') {
                assert!(
                    name != lint && !GROUPS.contains(&name),
                    "`{lint}` is silenced with `{level}({name})`: fix the code so that the \
                     lint has nothing to say"
                );
            }
        }
    }
}
