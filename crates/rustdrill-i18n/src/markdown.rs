//! A chapter README split into messages the way mdbook-i18n-helpers splits
//! a book (Comprehensive Rust's translations): every paragraph, heading,
//! list item's text and table cell is one message, inline Markdown
//! (`code`, *emphasis*, [links](…)) included; code blocks and HTML are not
//! text to translate.
//!
//! Where mdbook-i18n-helpers renders the whole document again from the
//! parsed events, rustdrill replaces only each message's own bytes in the
//! README, so everything around a translation (tables, lists, code blocks,
//! line breaks) stays byte for byte as the author wrote it. A message's
//! English is its source with the line breaks inside it made spaces, as
//! mdbook-i18n-helpers does: re-wrapping a paragraph changes nothing for
//! translators.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// One translatable block of a README.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// The English, on one line.
    pub text: String,
    /// 1-based line where it starts.
    pub line: usize,
    range: Range<usize>,
    /// A heading or a table cell must stay on one line.
    one_line: bool,
}

fn parser(text: &str) -> Parser<'_> {
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    options.insert(Options::ENABLE_TASKLISTS);
    Parser::new_ext(text, options)
}

/// Every translatable block of `text`, in order. A block with nothing to
/// translate (only inline code, numbers or punctuation: a table cell
/// naming an exercise) is left out.
pub fn blocks(text: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut current: Option<Range<usize>> = None;
    let mut code_depth = 0usize;
    let mut one_line = false;
    let mut flush = |current: &mut Option<Range<usize>>, one_line: bool| {
        if let Some(range) = current.take() {
            let message = normalise(&text[range.clone()]);
            if has_words(&message) {
                out.push(Block {
                    text: message,
                    line: text[..range.start].matches('\n').count() + 1,
                    range,
                    one_line,
                });
            }
        }
    };
    for (event, range) in parser(text).into_offset_iter() {
        let inline = matches!(
            &event,
            Event::Text(_)
                | Event::Code(_)
                | Event::SoftBreak
                | Event::HardBreak
                | Event::InlineHtml(_)
                | Event::FootnoteReference(_)
                | Event::TaskListMarker(_)
                | Event::InlineMath(_)
                | Event::Start(
                    Tag::Emphasis
                        | Tag::Strong
                        | Tag::Strikethrough
                        | Tag::Link { .. }
                        | Tag::Image { .. }
                )
                | Event::End(
                    TagEnd::Emphasis
                        | TagEnd::Strong
                        | TagEnd::Strikethrough
                        | TagEnd::Link
                        | TagEnd::Image
                )
        );
        match &event {
            Event::Start(Tag::CodeBlock(_)) => code_depth += 1,
            Event::End(TagEnd::CodeBlock) => code_depth = code_depth.saturating_sub(1),
            _ => {}
        }
        if inline && code_depth == 0 {
            current = Some(match current {
                Some(c) => c.start.min(range.start)..c.end.max(range.end),
                None => range,
            });
            continue;
        }
        flush(&mut current, one_line);
        match event {
            Event::Start(Tag::Heading { .. } | Tag::TableCell) => one_line = true,
            Event::End(TagEnd::Heading(_) | TagEnd::TableCell) => one_line = false,
            _ => {}
        }
    }
    flush(&mut current, one_line);
    out
}

/// The source of a block on one line: each line break and the
/// indentation or `>` markers after it become one space.
fn normalise(source: &str) -> String {
    let mut lines = source.lines();
    let mut out = lines.next().unwrap_or("").trim_end().to_owned();
    for line in lines {
        let line = line.trim_start_matches([' ', '\t', '>']);
        out.push(' ');
        out.push_str(line.trim());
    }
    out.trim().to_owned()
}

/// Whether a message has words to translate once inline code is removed.
fn has_words(message: &str) -> bool {
    message
        .split('`')
        .step_by(2)
        .any(|outside| outside.chars().any(char::is_alphabetic))
}

/// `text` with each block that `translate` (given the block's index among
/// `blocks(text)` and its English) has a translation for replaced by it.
/// A translation on several lines continues at the block's indentation
/// (inside a list item, a quote); a heading's or a table cell's is joined
/// on one line.
pub fn translate(text: &str, mut translate: impl FnMut(usize, &str) -> Option<String>) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    let mut at = 0;
    for (index, block) in blocks(text).into_iter().enumerate() {
        let Some(translation) = translate(index, &block.text) else {
            continue;
        };
        let translation = translation.trim();
        if translation.is_empty() {
            continue;
        }
        let line_start = text[..block.range.start].rfind('\n').map_or(0, |i| i + 1);
        // "- " becomes "  ", "> " stays "> ": where a continuation line starts.
        let prefix: String = text[line_start..block.range.start]
            .chars()
            .map(|c| if c == '>' { '>' } else { ' ' })
            .collect();
        let written = if block.one_line {
            translation.split_whitespace().collect::<Vec<_>>().join(" ")
        } else {
            translation
                .lines()
                .map(str::trim_end)
                .collect::<Vec<_>>()
                .join(&format!("\n{prefix}"))
        };
        out.push_str(&text[at..block.range.start]);
        out.push_str(&written);
        at = block.range.end;
    }
    out.push_str(&text[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const README: &str = "# 05 — Tokio: the runtime\n\
        \n\
        Track: `core`\n\
        \n\
        Async Rust gives you `async fn` and `.await`,\n\
        but nothing that runs them.\n\
        \n\
        | exercise | idea |\n\
        |----------|------|\n\
        | `tokio1` | build a `Runtime` by hand |\n\
        \n\
        - **\"A claim.\"** Not quite:\n  it is more subtle.\n\
        - `tokio2`\n\
        \n\
        ```rust\n\
        // a comment in code\n\
        let x = 1;\n\
        ```\n";

    #[test]
    fn splits_by_block_like_mdbook_i18n_helpers() {
        let texts: Vec<String> = blocks(README).into_iter().map(|b| b.text).collect();
        assert_eq!(
            texts,
            [
                "05 — Tokio: the runtime",
                "Track: `core`",
                "Async Rust gives you `async fn` and `.await`, but nothing that runs them.",
                "exercise",
                "idea",
                "build a `Runtime` by hand",
                "**\"A claim.\"** Not quite: it is more subtle.",
            ]
        );
    }

    #[test]
    fn translation_keeps_everything_around_it() {
        let translated = translate(README, |_, english| match english {
            "05 — Tokio: the runtime" => Some("05 — Tokio: 런타임".to_owned()),
            "build a `Runtime` by hand" => Some("`Runtime`을\n직접 만들기".to_owned()),
            "**\"A claim.\"** Not quite: it is more subtle." => {
                Some("**\"주장.\"** 그렇지 않습니다:\n더 미묘합니다.".to_owned())
            }
            _ => None,
        });
        assert!(translated.starts_with("# 05 — Tokio: 런타임\n\nTrack: `core`\n"));
        assert!(translated.contains("| `tokio1` | `Runtime`을 직접 만들기 |\n"));
        assert!(
            translated.contains("- **\"주장.\"** 그렇지 않습니다:\n  더 미묘합니다.\n- `tokio2`\n")
        );
        assert!(translated.ends_with("```rust\n// a comment in code\nlet x = 1;\n```\n"));
    }
}
