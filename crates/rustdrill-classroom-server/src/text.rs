//! What the classroom does to text a learner typed before anyone sees it:
//! on the dashboard (names, notes, messages), in the learner's terminal
//! and in an export opened in a spreadsheet or a terminal.
//!
//! The page shows everything with `textContent`, so markup is harmless
//! there; what is not harmless is text that changes how *other* text
//! reads: control characters (a terminal's escape sequences, line breaks
//! in a name) and the Unicode direction controls that flip a line right to
//! left ("trojan source"). Both go.

/// Whether `c` changes the direction of the text around it (the explicit
/// embeddings, overrides and isolates, and the invisible marks).
fn is_direction_control(c: char) -> bool {
    matches!(
        c,
        '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
    )
}

/// Invisible characters that end a line or hide themselves (byte order
/// mark, line and paragraph separators).
fn is_invisible_break(c: char) -> bool {
    matches!(c, '\u{2028}' | '\u{2029}' | '\u{FEFF}')
}

/// `text` on one line: line breaks and tabs become spaces; every other
/// control character and every direction control goes.
pub fn one_line(text: &str) -> String {
    text.chars()
        .filter_map(|c| match c {
            '\n' | '\r' | '\t' => Some(' '),
            c if is_invisible_break(c) => Some(' '),
            c if c.is_control() || is_direction_control(c) => None,
            c => Some(c),
        })
        .collect()
}

/// `text` with its line breaks and tabs, but no other control character
/// and no direction control.
pub fn plain(text: &str) -> String {
    text.chars()
        .filter(|&c| {
            matches!(c, '\n' | '\t')
                || !(c.is_control() || is_direction_control(c) || is_invisible_break(c))
        })
        .collect()
}

/// One CSV field that is safe to open: no control characters (a learner's
/// `ESC ]52` would write the instructor's clipboard when the file is
/// `cat`), a leading formula sign defused with `'` even after leading
/// spaces or tabs (spreadsheets skip them), quoted when needed.
pub fn csv_field(field: &str) -> String {
    let field = one_line(field);
    let field = if field
        .trim_start()
        .starts_with(['=', '+', '-', '@', '|', '%'])
    {
        format!("'{field}")
    } else {
        field
    };
    if field.contains([',', '"']) || field.starts_with(' ') || field.ends_with(' ') {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_lose_escapes_line_breaks_and_direction_overrides() {
        assert_eq!(one_line("Ada\u{202E}gnp.exe"), "Adagnp.exe");
        assert_eq!(one_line("Ada\u{2066}x\u{2069}"), "Adax");
        assert_eq!(one_line("\u{1b}]0;pwned\u{7}Ada"), "]0;pwnedAda");
        assert_eq!(one_line("Ada\nLovelace"), "Ada Lovelace");
        assert_eq!(one_line("Ada Lovelace 🦀"), "Ada Lovelace 🦀");
    }

    #[test]
    fn plain_text_keeps_its_lines() {
        assert_eq!(plain("why\n\tthis\u{1b}[2J?\u{202E}"), "why\n\tthis[2J?");
    }

    #[test]
    fn csv_fields_are_defused_after_leading_whitespace_and_hold_no_escapes() {
        assert_eq!(csv_field("=1+1"), "'=1+1");
        assert_eq!(
            csv_field("\t=HYPERLINK(\"x\")"),
            "\"' =HYPERLINK(\"\"x\"\")\""
        );
        assert_eq!(csv_field("  -2"), "'  -2");
        assert_eq!(csv_field("Ada, the first"), "\"Ada, the first\"");
        assert_eq!(csv_field("\u{1b}]52;c;aGk=\u{7}Ada"), "]52;c;aGk=Ada");
        assert_eq!(csv_field("Ada"), "Ada");
    }
}
