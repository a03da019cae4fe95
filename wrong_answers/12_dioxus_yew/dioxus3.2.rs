// wrong: `Signal::new` in the body makes a new signal, starting at 0, on every render
// dioxus3 — state lives in a hook like `use_signal`; an event handler changes it.
//
// A Dioxus component is an ordinary function that runs again every time it
// re-renders, so a plain `let mut count = 0;` starts from 0 on every run, and
// changing it tells nobody. State that must survive re-renders is kept by a
// *hook*: `use_signal(|| initial)` runs its closure on the first render only
// and hands back the same `Signal` on every later one. Writing to a signal
// (`count += 1`, `count.set(..)`) marks the components that read it as dirty,
// and the `VirtualDom` runs them again.
//
// No browser here: `Page::mount` (in the chapter's support.rs) builds the
// `VirtualDom`, `page.click(0)` clicks the first element with an `onclick`
// and lets the `VirtualDom` re-render, `page.html()` prints it.
//
// roadmap.md §8.1

use dioxus::prelude::*;
use dioxus_yew_chapter::Page;

#[component]
fn LikeButton() -> Element {
    let mut likes = Signal::new(0);
    rsx! {
        button { onclick: move |_| likes += 1, "♥ {likes}" }
    }
}

fn main() {
    let mut page = Page::mount(LikeButton);
    println!("before: {}", page.html());
    for _ in 0..3 {
        page.click(0);
    }
    println!("after three clicks: {}", page.html());
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn it_starts_at_zero() {
        let page = Page::mount(LikeButton);
        assert_eq!(page.html(), "<button>♥ 0</button>");
    }

    #[test]
    fn a_click_adds_a_like() {
        let mut page = Page::mount(LikeButton);
        page.click(0);
        assert_eq!(
            page.html(),
            "<button>♥ 1</button>",
            "after one click the button should show one like"
        );
    }

    #[test]
    fn likes_add_up() {
        let mut page = Page::mount(LikeButton);
        for _ in 0..4 {
            page.click(0);
        }
        assert_eq!(page.html(), "<button>♥ 4</button>");
    }
}
