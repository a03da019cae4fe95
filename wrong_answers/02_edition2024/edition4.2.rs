// wrong: `let ... else { break }` in the loop body instead of a let chain in the `while`
// edition4 — let chains in `while`.
//
// `while let` stops when its one pattern fails to match. When a loop has
// to stop for a second reason too, edition 2021 moved the loop into its
// body: `while let Some(x) = it.next() { let .. else { break }; .. }`.
// Edition 2024's let chains work in `while` as well as in `if`: write
// `while let A = a && let B = b && cond { .. }` and the loop runs only
// while every link holds, with each binding usable in the later links and
// in the body. roadmap.md §1

// A message is "Name: value" header lines, one blank line, then the body.
struct Message {
    headers: Vec<(String, String)>,
    body: String,
}

fn parse(text: &str) -> Message {
    let mut lines = text.lines();
    let mut headers = Vec::new();
    // TODO: the header block ends at the first line that is not "Name: value"
    // (normally the blank line), but this loop skips that line and goes on
    // reading body lines as headers.
    while let Some(line) = lines.next() {
        let Some((name, value)) = line.split_once(": ") else {
            break;
        };
        headers.push((name.to_string(), value.to_string()));
    }
    let body = lines.collect::<Vec<_>>().join("\n");
    Message { headers, body }
}

fn main() {
    let message = parse("From: ferris\nSubject: crab news\n\nNote: claws are tools.\nBye!");
    for (name, value) in &message.headers {
        println!("header {name} = {value}");
    }
    println!("body:\n{}", message.body);
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;

    // The lesson is the shape of the code, which no output shows: this reads
    // the function's own source (comments left out) as a list of words.
    fn words_of(name: &str) -> Vec<&'static str> {
        let file = include_str!("edition4.rs");
        let start = file.find(&format!("fn {name}(")).expect("the fn is there");
        let end = start + file[start..].find("\n}").expect("it ends with `}`");
        let code = file[start..end]
            .lines()
            .map(|l| l.split("//").next().unwrap_or(""));
        let words = code.flat_map(|l| l.split(|c: char| !c.is_alphanumeric() && c != '_'));
        words.filter(|w| !w.is_empty()).collect()
    }

    #[test]
    fn reads_headers() {
        let message = parse("From: ferris\nSubject: hi\n\nhello");
        assert_eq!(
            message.headers,
            [
                ("From".to_string(), "ferris".to_string()),
                ("Subject".to_string(), "hi".to_string()),
            ]
        );
    }

    #[test]
    fn body_lines_are_not_headers() {
        let message = parse("From: ferris\n\nNote: this is body text\nsecond line");
        assert_eq!(
            message.headers.len(),
            1,
            "only the lines before the blank line are headers, got {:?}",
            message.headers
        );
        assert_eq!(message.body, "Note: this is body text\nsecond line");
    }

    #[test]
    fn no_headers_at_all() {
        let message = parse("\njust a body");
        assert!(message.headers.is_empty());
        assert_eq!(
            message.body, "just a body",
            "the body is everything after the blank line"
        );
    }

    #[test]
    fn the_loop_condition_does_the_stopping() {
        let words = words_of("parse");
        assert!(
            words.contains(&"while") && !words.contains(&"if") && !words.contains(&"break"),
            "parse should stop its loop with a let chain in the condition, \
             `while let .. && let ..`, with no `if` or `break` in the body"
        );
    }
}
