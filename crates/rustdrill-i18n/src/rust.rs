//! The comments of an exercise or solution file: what is extracted for
//! translators, how a translation is written back, and the proof that a
//! translated file has the same code.
//!
//! Only comments are ever text to translate: the code, test names and the
//! string literals a test compares are left as they are. Comments are found
//! by rustc's own lexer (`ra-ap-rustc_lexer`, the crate rust-analyzer
//! publishes), so a `//` inside a string literal or a raw string is never
//! mistaken for one. A run of `//` lines at one indentation is split into
//! paragraphs at its empty `//` lines, as a README is split by paragraph:
//! changing one paragraph of a header marks only that one fuzzy.

use std::ops::Range;

use ra_ap_rustc_lexer::{DocStyle, FrontmatterAllowed, TokenKind, tokenize};

/// Words a comment starts with that tools or the course look for: the
/// course's `// TODO` marks where to work (and `dev check` wants one in
/// every exercise), clippy's `undocumented_unsafe_blocks` reads
/// `// SAFETY:`. A translation of such a comment must start with the
/// same word, or it is not applied.
pub const KEPT_PREFIXES: [&str; 2] = ["TODO", "SAFETY:"];

/// One translatable comment: a paragraph of a run of line comments, a
/// comment after code on its line, or a block comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    /// The English, without comment markers: lines joined with `\n`.
    pub text: String,
    /// 1-based line of its first line, for the catalogue's `#:` reference.
    pub line: usize,
    /// The bytes of the file it covers: from its first marker to the end
    /// of its last line (never the newline).
    range: Range<usize>,
    shape: Shape,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Shape {
    /// `//`, `///` or `//!` lines on lines of their own, at `indent`.
    Lines {
        marker: &'static str,
        indent: String,
    },
    /// A `//` comment after code: one line only.
    Trailing { marker: &'static str },
    /// `/* … */` (or `/** … */`, `/*! … */`).
    Block { open: &'static str },
}

impl Comment {
    /// The prefix the translation must keep (`TODO`, `SAFETY:`), if any.
    pub fn kept_prefix(&self) -> Option<&'static str> {
        kept_prefix(&self.text)
    }
}

pub fn kept_prefix(english: &str) -> Option<&'static str> {
    KEPT_PREFIXES.into_iter().find(|p| english.starts_with(p))
}

/// Whether `translation` may replace `english` in a file: it keeps the
/// marker word the English starts with.
pub fn keeps_prefix(english: &str, translation: &str) -> bool {
    kept_prefix(english).is_none_or(|p| translation.starts_with(p))
}

/// Every translatable comment of `source`, in order.
pub fn comments(source: &str) -> Vec<Comment> {
    let mut out = Vec::new();
    // The run of own-line `//` comments being collected: (marker, indent,
    // lines as (range, text, line number)).
    let mut run: Option<Run> = None;
    let mut pos = 0usize;
    for token in tokenize(source, FrontmatterAllowed::No) {
        let range = pos..pos + token.len as usize;
        pos = range.end;
        let text = &source[range.clone()];
        match token.kind {
            TokenKind::Whitespace => {
                // Two newlines (an empty line) end a run of comments.
                if text.matches('\n').count() > 1
                    && let Some(r) = run.take()
                {
                    r.finish(&mut out);
                }
            }
            TokenKind::LineComment { doc_style } => {
                let marker = line_marker(doc_style);
                let body = strip_marker(text, marker);
                let line_start = source[..range.start].rfind('\n').map_or(0, |i| i + 1);
                let before = &source[line_start..range.start];
                let line = source[..range.start].matches('\n').count() + 1;
                if !before.trim().is_empty() {
                    // After code: a comment of its own.
                    if let Some(r) = run.take() {
                        r.finish(&mut out);
                    }
                    if !body.trim().is_empty() {
                        out.push(Comment {
                            text: body.trim().to_owned(),
                            line,
                            range,
                            shape: Shape::Trailing { marker },
                        });
                    }
                    continue;
                }
                let indent = before.to_owned();
                match &mut run {
                    Some(r) if r.marker == marker && r.indent == indent => {
                        r.lines.push((range, body, line));
                    }
                    _ => {
                        if let Some(r) = run.take() {
                            r.finish(&mut out);
                        }
                        run = Some(Run {
                            marker,
                            indent,
                            lines: vec![(range, body, line)],
                        });
                    }
                }
            }
            TokenKind::BlockComment { doc_style, .. } => {
                if let Some(r) = run.take() {
                    r.finish(&mut out);
                }
                let open = match doc_style {
                    None => "/*",
                    Some(DocStyle::Outer) => "/**",
                    Some(DocStyle::Inner) => "/*!",
                };
                let inner = text
                    .strip_prefix(open)
                    .and_then(|t| t.strip_suffix("*/"))
                    .unwrap_or("");
                if !inner.trim().is_empty() {
                    out.push(Comment {
                        text: inner.trim().to_owned(),
                        line: source[..range.start].matches('\n').count() + 1,
                        range,
                        shape: Shape::Block { open },
                    });
                }
            }
            _ => {
                if let Some(r) = run.take() {
                    r.finish(&mut out);
                }
            }
        }
    }
    if let Some(r) = run.take() {
        r.finish(&mut out);
    }
    out
}

struct Run {
    marker: &'static str,
    indent: String,
    lines: Vec<(Range<usize>, String, usize)>,
}

impl Run {
    /// Splits the run into paragraphs at its empty comment lines.
    fn finish(self, out: &mut Vec<Comment>) {
        let mut paragraph: Vec<&(Range<usize>, String, usize)> = Vec::new();
        let mut flush = |paragraph: &mut Vec<&(Range<usize>, String, usize)>| {
            if let (Some(first), Some(last)) = (paragraph.first(), paragraph.last()) {
                out.push(Comment {
                    text: paragraph
                        .iter()
                        .map(|(_, t, _)| t.as_str())
                        .collect::<Vec<_>>()
                        .join("\n"),
                    line: first.2,
                    range: first.0.start..last.0.end,
                    shape: Shape::Lines {
                        marker: self.marker,
                        indent: self.indent.clone(),
                    },
                });
            }
            paragraph.clear();
        };
        for line in &self.lines {
            if line.1.trim().is_empty() {
                flush(&mut paragraph);
            } else {
                paragraph.push(line);
            }
        }
        flush(&mut paragraph);
    }
}

fn line_marker(doc_style: Option<DocStyle>) -> &'static str {
    match doc_style {
        None => "//",
        Some(DocStyle::Outer) => "///",
        Some(DocStyle::Inner) => "//!",
    }
}

/// A comment line's text: without its marker and the one space after it,
/// and without trailing spaces (further indentation is kept: it is layout).
fn strip_marker(token: &str, marker: &str) -> String {
    let body = token.strip_prefix(marker).unwrap_or(token);
    let body = body.strip_prefix(' ').unwrap_or(body);
    body.trim_end().to_owned()
}

/// `source` with each comment whose English has a translation (by
/// `translate`, which gets the English and the comment's index among
/// `comments(source)`) replaced. Code is never touched: only the bytes of
/// the comments are, and a translation that would end a comment early
/// (`*/` in a block comment) or drop a kept prefix is not applied.
pub fn translate(source: &str, mut translate: impl FnMut(usize, &str) -> Option<String>) -> String {
    let mut out = String::with_capacity(source.len() * 2);
    let mut at = 0;
    for (index, comment) in comments(source).into_iter().enumerate() {
        let Some(translation) = translate(index, &comment.text) else {
            continue;
        };
        let translation = translation.trim_end();
        if translation.is_empty() || !keeps_prefix(&comment.text, translation) {
            continue;
        }
        let written = match &comment.shape {
            Shape::Lines { marker, indent } => translation
                .lines()
                .map(|l| {
                    if l.trim().is_empty() {
                        (*marker).to_owned()
                    } else {
                        format!("{marker} {}", l.trim_end())
                    }
                })
                .collect::<Vec<_>>()
                .join(&format!("\n{indent}")),
            Shape::Trailing { marker } => {
                let one_line: Vec<&str> = translation.split_whitespace().collect();
                format!("{marker} {}", one_line.join(" "))
            }
            Shape::Block { open } => {
                if translation.contains("*/") || translation.contains("/*") {
                    continue;
                }
                format!("{open} {translation} */")
            }
        };
        out.push_str(&source[at..comment.range.start]);
        out.push_str(&written);
        at = comment.range.end;
    }
    out.push_str(&source[at..]);
    out
}

/// The code of a file: every token but whitespace and comments, as text,
/// with its 1-based line.
pub fn code_tokens(source: &str) -> Vec<(&str, usize)> {
    let mut out = Vec::new();
    let mut pos = 0usize;
    let mut line = 1;
    for token in tokenize(source, FrontmatterAllowed::No) {
        let text = &source[pos..pos + token.len as usize];
        pos += token.len as usize;
        if !matches!(
            token.kind,
            TokenKind::Whitespace | TokenKind::LineComment { .. } | TokenKind::BlockComment { .. }
        ) {
            out.push((text, line));
        }
        line += text.matches('\n').count();
    }
    out
}

/// Where a translated file's code differs from the English file's: the
/// 1-based lines of the first token that differs, in the English and in
/// the translation (`None` when the code is the same).
pub fn code_differs(english: &str, translated: &str) -> Option<(usize, usize)> {
    let a = code_tokens(english);
    let b = code_tokens(translated);
    for (i, (x, y)) in a.iter().zip(&b).enumerate() {
        if x.0 != y.0 {
            return Some((a[i].1, b[i].1));
        }
    }
    match a.len().cmp(&b.len()) {
        std::cmp::Ordering::Equal => None,
        std::cmp::Ordering::Less => Some((a.last().map_or(1, |t| t.1), b[a.len()].1)),
        std::cmp::Ordering::Greater => Some((a[b.len()].1, b.last().map_or(1, |t| t.1))),
    }
}

/// The contents of the string literals of `source` (quotes and raw-string
/// hashes removed, escapes left as written), for the check that a
/// translated comment does not hand a test that reads its own file what it
/// looks for.
pub fn string_literals(source: &str) -> Vec<&str> {
    use ra_ap_rustc_lexer::LiteralKind;
    let mut out = Vec::new();
    let mut pos = 0usize;
    for token in tokenize(source, FrontmatterAllowed::No) {
        let text = &source[pos..pos + token.len as usize];
        pos += token.len as usize;
        if let TokenKind::Literal { kind, suffix_start } = token.kind {
            let text = &text[..suffix_start as usize];
            let inner = match kind {
                LiteralKind::Str { terminated: true } => text.get(1..text.len() - 1),
                LiteralKind::RawStr { n_hashes: Some(n) } => {
                    let n = usize::from(n);
                    text.get(2 + n..text.len() - 1 - n)
                }
                _ => None,
            };
            out.extend(inner);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = r#"// intro9 — a header.
//
// Second paragraph
// on two lines.

fn greet(name: &str) -> String {
    // TODO: say hello.
    let url = "http://example.com"; // not a comment: "//" in a string
    format!("hi {name} // still a string") /* a block */
}

#[cfg(test)]
mod tests {
    /// Checks the greeting.
    #[test]
    fn greets_ferris_by_name() {
        assert_eq!(super::greet("Ferris"), "hi Ferris");
    }
}
"#;

    #[test]
    fn extracts_comments_and_never_code_strings_or_test_names() {
        let texts: Vec<String> = comments(FILE).into_iter().map(|c| c.text).collect();
        assert_eq!(
            texts,
            [
                "intro9 — a header.",
                "Second paragraph\non two lines.",
                "TODO: say hello.",
                "not a comment: \"//\" in a string",
                "a block",
                "Checks the greeting.",
            ]
        );
        let all = texts.join("\n");
        for code in [
            "http://example.com",
            "still a string",
            "greets_ferris_by_name",
            "hi Ferris",
        ] {
            assert!(!all.contains(code), "{code} was extracted");
        }
    }

    #[test]
    fn translation_touches_only_comments() {
        let translated = translate(FILE, |_, english| {
            Some(match english {
                "Second paragraph\non two lines." => "두 번째 문단\n\n세 줄로.".to_owned(),
                "TODO: say hello." => "TODO: 인사하세요.".to_owned(),
                "a block" => "블록".to_owned(),
                _ => return None,
            })
        });
        assert!(
            translated.contains("// 두 번째 문단\n//\n// 세 줄로.\n"),
            "{translated}"
        );
        assert!(
            translated.contains("    // TODO: 인사하세요.\n"),
            "{translated}"
        );
        assert!(translated.contains("/* 블록 */"), "{translated}");
        assert_eq!(code_differs(FILE, &translated), None);
    }

    #[test]
    fn a_translation_that_drops_todo_is_not_applied() {
        let translated = translate(FILE, |_, english| {
            (english == "TODO: say hello.").then(|| "인사하세요.".to_owned())
        });
        assert_eq!(translated, FILE);
    }

    #[test]
    fn string_literals_are_their_contents() {
        let source = "let a = \"x // y\"; let b = r#\"<b on:click=\"#; // \"not\"\nlet c = 'c';";
        assert_eq!(string_literals(source), ["x // y", "<b on:click="]);
    }

    #[test]
    fn changed_code_is_found_with_its_line() {
        let changed = FILE.replace("\"hi Ferris\"", "\"hi Ferris!\"");
        assert_eq!(code_differs(FILE, &changed), Some((17, 17)));
        let commented_out = FILE.replace(
            "    // TODO: say hello.\n",
            "    // TODO: say hello.\n    let x = 1;\n",
        );
        assert_eq!(code_differs(FILE, &commented_out).map(|d| d.1), Some(8));
    }
}
