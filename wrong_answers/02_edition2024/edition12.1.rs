// wrong (compile): `$width:literal` keeps `_` out of the first arm but every width that is not a literal too: `column!(city, width)` matches no arm
// edition12 — the `expr` macro fragment now matches `_` and `const { .. }`.
//
// A `macro_rules!` arm with `$e:expr` captures one expression. In edition
// 2021 that excluded two things that had become expressions later: the
// underscore `_` and inline `const { .. }` blocks. Macros relied on it,
// with an `expr` arm first and a special `_` arm after it. In edition 2024
// `expr` matches those too, so the first arm swallows `_` and the special
// arm is never reached. Fix by putting the specific arm first, or by
// writing `$e:expr_2021`, the fragment with the old meaning (stable since
// Rust 1.83; `cargo fix --edition` rewrites to it). roadmap.md §1

// One column of a text table: `None` means "as wide as the value".
#[derive(Debug, PartialEq)]
struct Column {
    name: &'static str,
    width: Option<usize>,
}

// `column!(name, 8)` for a fixed width, `column!(name, _)` for automatic.
// TODO: in edition 2024 the first arm also matches `_`, so `column!(x, _)`
// expands to `Some(_)` and the `_` arm is never reached.
macro_rules! column {
    ($name:ident, $width:literal) => {

        Column {
            name: stringify!($name),
            width: Some($width),
        }
    };
    ($name:ident, _) => {
        Column {
            name: stringify!($name),
            width: None,
        }
    };
}

fn render_row(columns: &[Column], values: &[&str]) -> String {
    columns
        .iter()
        .zip(values)
        .map(|(column, value)| match column.width {
            Some(width) => format!("{value:<width$}"),
            None => value.to_string(),
        })
        .collect::<Vec<_>>()
        .join(" | ")
}

fn main() {
    let columns = [column!(id, 4), column!(city, 10), column!(note, _)];
    let names: Vec<&str> = columns.iter().map(|c| c.name).collect();
    println!("{}", render_row(&columns, &names));
    println!("{}", render_row(&columns, &["1", "Lisbon", "sunny"]));
    println!("{}", render_row(&columns, &["2", "Oslo", "snow"]));
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_and_automatic_widths() {
        let width = 3 + 3;
        assert_eq!(column!(city, width).width, Some(6));
        assert_eq!(
            column!(note, _),
            Column {
                name: "note",
                width: None
            }
        );
    }

    #[test]
    fn renders_a_row() {
        let columns = [column!(id, 3), column!(note, _)];
        assert_eq!(
            render_row(&columns, &["7", "hello world"]),
            "7   | hello world"
        );
    }
}
