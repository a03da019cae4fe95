// wrong: hides the badge with an attribute instead of leaving it out of the page
// dioxus1 — `rsx!` describes elements; `dioxus_ssr` renders them to HTML.
//
// Dioxus is the React-like Rust UI library: a component is a function that
// returns an `Element`, built with the `rsx!` macro. Inside `rsx!` an element
// is `name { attribute: value, children }`, a string literal is a format
// string (`"{count} new"` reads the variable `count`), and plain Rust `if`
// and `for` choose and repeat children.
//
// `dioxus_ssr::render_element` turns an `Element` into an HTML string: the
// server-side renderer, and the way to look at a view without a browser.
//
// roadmap.md §8.1

use dioxus::prelude::*;

/// The header of a mail inbox: the owner, a badge when there is unread mail,
/// and the subjects of the newest messages.
fn inbox(user: &str, unread: u32, subjects: &[&str]) -> Element {
    rsx! {
        header { class: "inbox",
            h1 { "Inbox of {user}" }
            span { class: "badge", hidden: unread == 0, "{unread} new" }
            ul {
                for subject in subjects {
                    li { "{subject}" }
                }
            }
        }
    }
}

fn main() {
    println!(
        "{}",
        dioxus_ssr::render_element(inbox("ada", 2, &["Lunch?", "Re: PR #7"]))
    );
    println!("{}", dioxus_ssr::render_element(inbox("grace", 0, &[])));
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unread_mail_shows_a_badge() {
        let html = dioxus_ssr::render_element(inbox("ada", 3, &["Hi"]));
        assert!(
            html.contains(r#"<span class="badge">3 new</span>"#),
            "{html}"
        );
    }

    #[test]
    fn an_empty_inbox_has_no_badge() {
        let html = dioxus_ssr::render_element(inbox("grace", 0, &[]));
        assert_eq!(
            html, r#"<header class="inbox"><h1>Inbox of grace</h1><ul></ul></header>"#,
            "with nothing unread there should be no badge at all"
        );
    }

    #[test]
    fn every_subject_is_listed_in_order() {
        let html = dioxus_ssr::render_element(inbox("ada", 0, &["One", "Two"]));
        assert!(html.contains("<ul><li>One</li><li>Two</li></ul>"), "{html}");
    }
}
