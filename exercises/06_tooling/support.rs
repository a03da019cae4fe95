//! Set-up shared by the exercises of the tooling chapter.

/// Panics when `source` silences `lint` with an attribute instead of fixing
/// the code: `#[allow(lint)]`, `#[expect(lint)]` or their `#![...]` forms.
pub fn assert_not_silenced(source: &str, lint: &str) {
    let compact: String = source.chars().filter(|c| !c.is_whitespace()).collect();
    for level in ["allow", "expect"] {
        let attribute = format!("{level}({lint}");
        assert!(
            !compact.contains(&attribute),
            "`{lint}` is silenced with `{level}`: fix the code so that the lint has nothing to say"
        );
    }
}
