// wrong: fixes `longest` but keeps `&String` in `initials` behind `#[allow(clippy::ptr_arg)]`: half fixed, half silenced
// tooling2 — clippy: take `&[T]` and `&str`, not `&Vec<T>` and `&String`.
//
// A function that only reads a list needs a view of the elements, not the
// `Vec` that owns them. `&Vec<String>` gives it nothing more than
// `&[String]` does (the length and the elements), but it forces every
// caller to own a `Vec`: an array, a slice of a longer list or a
// `Box<[T]>` must be copied into a new `Vec` first. Likewise `&String` for
// `&str`: a string literal would have to be allocated. Clippy's `ptr_arg`
// lint flags such parameters. Callers holding a `Vec` or a `String` do not
// change: `&vec` and `&string` coerce to the slice types. roadmap.md §14

/// The longest name (the first one on a tie), or `None` for no names.
fn longest(names: &[String]) -> Option<&str> {
    let mut best: Option<&str> = None;
    for name in names {
        if best.is_none_or(|b| name.len() > b.len()) {
            best = Some(name);
        }
    }
    best
}

/// The initials of a full name: "Grace Brewster Hopper" -> "GBH".
#[allow(clippy::ptr_arg)]
fn initials(full_name: &String) -> String {

    full_name
        .split_whitespace()
        .filter_map(|word| word.chars().next())
        .collect()
}

fn main() {
    let crew = vec![
        String::from("Ada Lovelace"),
        String::from("Grace Brewster Hopper"),
    ];
    if let Some(name) = longest(&crew) {
        println!("longest name: {name}");
    }
    println!("initials: {}", initials(&crew[1]));
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_name() {
        let names = vec!["Ann".to_string(), "Barbara".into(), "Chris".into()];
        assert_eq!(longest(&names), Some("Barbara"));
        assert_eq!(longest(&Vec::new()), None);
    }

    #[test]
    fn initials_of_a_name() {
        assert_eq!(initials(&"Grace Brewster Hopper".to_string()), "GBH");
        assert_eq!(initials(&String::new()), "");
    }

    #[test]
    fn the_signatures_are_fixed_not_silenced() {
        tooling_chapter::assert_not_silenced(include_str!("tooling2.rs"), "clippy::ptr_arg");
    }
}
