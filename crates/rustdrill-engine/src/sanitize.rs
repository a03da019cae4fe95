//! Exercise output made safe to show: an exercise may print any bytes, and
//! raw control sequences reaching the learner's terminal could retitle it
//! (OSC), move the cursor or clear the watch screen. Colours (SGR) are kept
//! when rustdrill itself colours; every other escape sequence is dropped
//! and other control characters are shown in caret notation (`^G`).
//!
//! The sequences are found by `anstyle-parse` (already in the tree, through
//! clap): Paul Williams' DEC parser, the state machine terminals implement,
//! so the text kept is the text a terminal would show. Where a control sits
//! inside a sequence, for instance, the terminal carries it out and reads
//! on, and so does this: the line break stays. The ANSI-stripping crates
//! drop SGR too, and keeping exactly SGR is the point, hence the `Perform`
//! below rather than one of them.

use std::fmt::Write as _;

use anstyle_parse::{Params, Parser, Perform};

/// `text` with escape sequences removed (SGR kept if `keep_colors`) and
/// control characters other than newline and tab made visible.
pub fn for_terminal(text: &str, keep_colors: bool) -> String {
    let mut safe = Safe {
        out: String::with_capacity(text.len()),
        keep_colors,
    };
    let mut parser: Parser = Parser::default();
    for byte in text.bytes() {
        parser.advance(&mut safe, byte);
    }
    // A sequence still open at the end is dropped: the parser holds it.
    safe.out
}

/// What the parser found, written out safely.
struct Safe {
    out: String,
    keep_colors: bool,
}

impl Perform for Safe {
    fn print(&mut self, c: char) {
        match c {
            // A C1 control (U+009B is a one-character CSI): never pass it.
            '\u{80}'..='\u{9f}' => self.out.push('\u{fffd}'),
            // DEL, which the parser hands over as printable.
            '\u{7f}' => self.out.push_str("^?"),
            c => self.out.push(c),
        }
    }

    /// A C0 control, in text or inside a sequence (where a terminal carries
    /// it out too).
    fn execute(&mut self, byte: u8) {
        match byte {
            b'\n' | b'\t' => self.out.push(char::from(byte)),
            0x00..=0x1f => {
                self.out.push('^');
                self.out.push(char::from(byte ^ 0x40));
            }
            // Only from bytes a `&str` cannot hold (8-bit C1 controls).
            _ => self.out.push('\u{fffd}'),
        }
    }

    /// Only SGR (`CSI … m`, no private marker, no intermediate: those make
    /// it another command) is kept, written back from the parameters as
    /// parsed, so nothing but digits, `;` and `:` can come with it.
    fn csi_dispatch(&mut self, params: &Params, intermediates: &[u8], ignore: bool, action: u8) {
        if !self.keep_colors || ignore || action != b'm' || !intermediates.is_empty() {
            return;
        }
        self.out.push_str("\u{1b}[");
        for (i, param) in params.iter().enumerate() {
            if i > 0 {
                self.out.push(';');
            }
            for (j, value) in param.iter().enumerate() {
                if j > 0 {
                    self.out.push(':');
                }
                let _ = write!(self.out, "{value}");
            }
        }
        self.out.push('m');
    }

    // Everything else (OSC, DCS, SOS/PM/APC, two-byte escapes such as
    // `ESC c`, which resets the terminal) is dropped: the trait's default
    // methods do nothing. (One quirk of the parser's 8-bit ST: a DCS or APC
    // string holding a character whose UTF-8 has the byte 0x9C, `Ĝ` say,
    // ends there and the rest of the string shows as text: plain text,
    // since an escape in it starts a sequence of its own.)
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

    /// Regression: a control inside a sequence ended it *and was lost with
    /// it*, so a line break vanished and the sequence's rest (`31m`) was
    /// shown as text. A terminal carries the control out and reads on.
    #[test]
    fn a_newline_inside_a_malformed_sequence_is_kept() {
        let cut = "ok\u{1b}[\n31mred\u{1b}[0m";
        assert_eq!(for_terminal(cut, false), "ok\nred");
        assert_eq!(for_terminal(cut, true), "ok\n\u{1b}[31mred\u{1b}[0m");
        assert_eq!(for_terminal("tab\u{1b}[1\t;4mx", false), "tab\tx");
    }

    /// Regression: an escape inside a sequence was swallowed with it, and
    /// the next sequence's rest (`[0m`) was shown as text.
    #[test]
    fn a_sequence_cut_by_another_leaves_no_debris() {
        let cut = "a\u{1b}[31\u{1b}[0mb";
        assert_eq!(for_terminal(cut, false), "ab");
        assert_eq!(for_terminal(cut, true), "a\u{1b}[0mb");
        assert_eq!(
            for_terminal("a\u{1b}]0;title\u{1b}[1mb", true),
            "a\u{1b}[1mb"
        );
    }

    #[test]
    fn osc_52_clipboard_writes_are_dropped() {
        let paste = "copy\u{1b}]52;c;cm0gLXJmIH4K\u{7} done";
        assert_eq!(for_terminal(paste, true), "copy done");
        let paste = "copy\u{1b}]52;p;cm0gLXJmIH4K\u{1b}\\ done";
        assert_eq!(for_terminal(paste, true), "copy done");
        // A query (`?`) would make the terminal type the clipboard back.
        assert_eq!(for_terminal("q\u{1b}]52;c;?\u{7}", true), "q");
    }

    #[test]
    fn osc_0_title_changes_are_dropped() {
        assert_eq!(for_terminal("\u{1b}]0;pwned\u{7}text", true), "text");
        assert_eq!(for_terminal("\u{1b}]2;pwned\u{1b}\\text", true), "text");
        // Cancelled (CAN) rather than ended: the control is shown.
        assert_eq!(for_terminal("\u{1b}]0;pwned\u{18}text", true), "^Xtext");
    }

    #[test]
    fn osc_8_links_keep_only_their_text() {
        let link = "see \u{1b}]8;;https://evil.example/\u{1b}\\the docs\u{1b}]8;;\u{1b}\\ now";
        assert_eq!(for_terminal(link, true), "see the docs now");
        let link = "see \u{1b}]8;id=1;file:///etc/passwd\u{7}this\u{1b}]8;;\u{7}.";
        assert_eq!(for_terminal(link, true), "see this.");
    }

    #[test]
    fn csi_with_odd_parameters() {
        // Ending in `m` is not enough: with a private marker or an
        // intermediate it is another command (`CSI > 4 ; 2 m` changes how
        // the terminal reports keys).
        assert_eq!(for_terminal("\u{1b}[>4;2mx", true), "x");
        assert_eq!(for_terminal("\u{1b}[?1049hx\u{1b}[?25l", true), "x");
        assert_eq!(for_terminal("\u{1b}[1 mx", true), "x");
        // Colour sub-parameters (`:`), empty and huge parameters: still SGR,
        // written back as parsed (an empty parameter is 0, as in SGR).
        assert_eq!(
            for_terminal("\u{1b}[38:2::255:0:0mx", true),
            "\u{1b}[38:2:0:255:0:0mx"
        );
        assert_eq!(for_terminal("\u{1b}[1;;4mx", true), "\u{1b}[1;0;4mx");
        assert_eq!(for_terminal("\u{1b}[mx", true), "\u{1b}[0mx");
        assert_eq!(for_terminal("\u{1b}[99999999999mx", true), "\u{1b}[65535mx");
        // Too many parameters for the parser: dropped, not cut short.
        let many = format!("\u{1b}[{}mx", ["1"; 40].join(";"));
        assert_eq!(for_terminal(&many, true), "x");
        // Cursor moves, scrolling regions, erasing: whatever the numbers.
        assert_eq!(
            for_terminal("a\u{1b}[999999;0Hb\u{1b}[0;1rc\u{1b}[3Jd", true),
            "abcd"
        );
    }

    #[test]
    fn unterminated_sequences_at_the_end_are_dropped() {
        for tail in [
            "\u{1b}",
            "\u{1b}[",
            "\u{1b}[38;5",
            "\u{1b}[?",
            "\u{1b}[1 ",
            "\u{1b}]",
            "\u{1b}]52;c;cm0gLXJm",
            "\u{1b}]0;title\u{1b}",
            "\u{1b}P1$r",
            "\u{1b}_Gf=100;AAAA",
            "\u{1b}(",
        ] {
            assert_eq!(for_terminal(&format!("end{tail}"), true), "end", "{tail:?}");
        }
    }

    #[test]
    fn device_control_and_application_strings_are_dropped() {
        assert_eq!(for_terminal("a\u{1b}P+q544e\u{1b}\\b", true), "ab");
        // The kitty graphics protocol rides in an APC string.
        assert_eq!(
            for_terminal("a\u{1b}_Ga=T,f=100;iVBORw0K\u{1b}\\b", true),
            "ab"
        );
        assert_eq!(for_terminal("a\u{1b}^privacy\u{1b}\\b", true), "ab");
    }

    #[test]
    fn utf8_text_around_sequences_is_kept() {
        let text = "héllo \u{1b}[1mwörld\u{1b}[0m 🦀\u{1b}]0;tïtle ✓\u{7} ✓ 日本\u{1b}[2K語";
        assert_eq!(for_terminal(text, false), "héllo wörld 🦀 ✓ 日本語");
        assert_eq!(
            for_terminal(text, true),
            "héllo \u{1b}[1mwörld\u{1b}[0m 🦀 ✓ 日本語"
        );
        assert_eq!(course_text("ünïcode\r\n\u{1b}]8;;x\u{7}ok"), "ünïcode\nok");
    }

    #[test]
    fn course_text_keeps_lines_and_drops_every_escape() {
        assert_eq!(
            course_text("a\r\nb\u{1b}[1mc\u{1b}]52;c;eA==\u{7}d\u{1b}[0m\te\r"),
            "a\nbcd\te^M"
        );
    }
}
