//! Exercise output made safe to show: an exercise may print any bytes, and
//! raw control sequences reaching the learner's terminal could retitle it
//! (OSC), move the cursor or clear the watch screen. Colours (SGR) are kept
//! when rustdrill itself colours; every other escape sequence is dropped
//! and other control characters are shown in caret notation (`^G`).
//!
//! Hand-written rather than a crate: the ANSI-stripping crates drop SGR
//! too, and keeping exactly SGR is the point; the grammar needed (ECMA-48
//! CSI, OSC/DCS strings, two-byte escapes) is small.

/// `text` with escape sequences removed (SGR kept if `keep_colors`) and
/// control characters other than newline and tab made visible.
pub fn for_terminal(text: &str, keep_colors: bool) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' | '\t' => out.push(c),
            '\u{1b}' => match chars.peek() {
                Some('[') => {
                    chars.next();
                    // CSI: parameters and intermediates, then a final byte.
                    let mut sequence = String::from("\u{1b}[");
                    let mut final_byte = None;
                    for c in chars.by_ref() {
                        sequence.push(c);
                        if ('\u{40}'..='\u{7e}').contains(&c) {
                            final_byte = Some(c);
                            break;
                        }
                        if !('\u{20}'..='\u{3f}').contains(&c) {
                            break; // malformed: drop what was read
                        }
                    }
                    if keep_colors && final_byte == Some('m') {
                        out.push_str(&sequence);
                    }
                }
                Some(']' | 'P' | 'X' | '^' | '_') => {
                    chars.next();
                    // A string sequence (OSC, DCS…): up to BEL or ESC \.
                    while let Some(c) = chars.next() {
                        if c == '\u{7}' {
                            break;
                        }
                        if c == '\u{1b}' {
                            if chars.peek() == Some(&'\\') {
                                chars.next();
                            }
                            break;
                        }
                    }
                }
                Some(_) => {
                    // A two-byte escape (ESC c resets the terminal).
                    chars.next();
                }
                None => {}
            },
            // A C1 control (U+009B is a one-character CSI): never pass it.
            '\u{80}'..='\u{9f}' => out.push('\u{fffd}'),
            c if c.is_control() => {
                out.push('^');
                out.push(char::from(((c as u8) ^ 0x40) & 0x7f));
            }
            c => out.push(c),
        }
    }
    out
}

/// Text a course shows (hints, messages, a chapter's introduction) made
/// safe as exercise output is, without colours: a course is as untrusted
/// as what its exercises print. Windows line ends become plain ones first,
/// so a course written on Windows shows no `^M`.
pub fn course_text(text: &str) -> String {
    for_terminal(&text.replace("\r\n", "\n"), false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_colours_only_when_asked() {
        let red = "\u{1b}[31mred\u{1b}[0m text";
        assert_eq!(for_terminal(red, true), red);
        assert_eq!(for_terminal(red, false), "red text");
    }

    #[test]
    fn drops_title_changes_cursor_moves_and_clears() {
        let nasty = "a\u{1b}]0;pwned\u{7}b\u{1b}]2;x\u{1b}\\c\u{1b}[2J\u{1b}[10;1Hd\u{1b}ce";
        assert_eq!(for_terminal(nasty, true), "abcde");
    }

    #[test]
    fn shows_other_controls_in_caret_notation() {
        assert_eq!(
            for_terminal("bell\u{7} cr\r bs\u{8}", false),
            "bell^G cr^M bs^H"
        );
        assert_eq!(for_terminal("del\u{7f}", false), "del^?");
        assert_eq!(for_terminal("c1\u{9b}2J", false), "c1\u{fffd}2J");
        assert_eq!(for_terminal("tabs\tand\nlines", false), "tabs\tand\nlines");
    }

    #[test]
    fn a_truncated_sequence_is_dropped() {
        assert_eq!(for_terminal("x\u{1b}[31", true), "x");
        assert_eq!(for_terminal("x\u{1b}]0;never ends", true), "x");
        assert_eq!(for_terminal("x\u{1b}", true), "x");
    }

    #[test]
    fn course_text_keeps_lines_and_drops_every_escape() {
        assert_eq!(
            course_text("a\r\nb\u{1b}[1mc\u{1b}]52;c;eA==\u{7}d\u{1b}[0m\te\r"),
            "a\nbcd\te^M"
        );
    }
}
