// dioxus2 — components take props; a `VirtualDom` runs them, `dioxus_ssr` prints it.
//
// `#[component]` on a function whose name starts with a capital letter makes
// a component: its arguments become a generated props struct (`TeamProps`
// for `Team`), and `rsx!` uses it like an element, `UserCard { name: "Ada" }`.
// A prop is required unless marked: `#[props(default)]` uses the type's
// `Default`, `#[props(default = value)]` a value of your choice.
//
// Props must be `Clone + PartialEq`: when a parent re-renders, Dioxus compares
// a child's new props with the old ones and skips the child if they are equal.
//
// A whole app lives in a `VirtualDom`: `VirtualDom::new_with_props(Team,
// TeamProps { .. })` builds it, `rebuild_in_place()` runs the components once,
// and `dioxus_ssr::render(&dom)` prints the result.
//
// roadmap.md §8.1

use dioxus::prelude::*;

// TODO: every caller has to give a `role`, so the card for Grace below does
// not compile. Most people on a team are plain members.
#[component]
fn UserCard(name: String, role: String) -> Element {
    rsx! {
        li { class: "card", "{name} ({role})" }
    }
}

#[component]
fn Team(title: String) -> Element {
    rsx! {
        h2 { "{title}" }
        ul {
            UserCard { name: "Ada", role: "lead" }
            UserCard { name: "Grace" }
        }
    }
}

fn render_team(title: &str) -> String {
    let props = TeamProps {
        title: title.to_string(),
    };
    let mut dom = VirtualDom::new_with_props(Team, props);
    dom.rebuild_in_place();
    dioxus_ssr::render(&dom)
}

fn main() {
    println!("{}", render_team("Compiler team"));
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_title_comes_from_the_root_props() {
        assert!(render_team("Infra").starts_with("<h2>Infra</h2>"));
    }

    #[test]
    fn a_given_role_is_shown() {
        let html = render_team("Infra");
        assert!(
            html.contains(r#"<li class="card">Ada (lead)</li>"#),
            "{html}"
        );
    }

    #[test]
    fn a_card_without_a_role_says_member() {
        let html = render_team("Infra");
        assert!(
            html.contains(r#"<li class="card">Grace (member)</li>"#),
            "{html}"
        );
    }

    #[test]
    fn any_card_left_without_a_role_says_member() {
        let html = dioxus_ssr::render_element(rsx! { UserCard { name: "Linus" } });
        assert_eq!(html, r#"<li class="card">Linus (member)</li>"#);
    }
}
