//! Key handling as a pure state machine: (mode, key, facts) → (new mode,
//! actions). Nothing here touches the disk, the screen or a thread, so every
//! key of the watch screen is unit-tested below; the loop in `app` carries
//! the actions out.

use console::Key;

/// Which exercises the list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Filter {
    All,
    Pending,
    Done,
}

impl Filter {
    fn next(self) -> Filter {
        match self {
            Filter::All => Filter::Pending,
            Filter::Pending => Filter::Done,
            Filter::Done => Filter::All,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Filter::All => "all",
            Filter::Pending => "pending",
            Filter::Done => "done",
        }
    }
}

/// The exercise list (`l`): a cursor over the rows the filter and the search
/// let through.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListView {
    /// Index into `visible(..)`, not into the course.
    pub cursor: usize,
    pub filter: Filter,
    pub search: String,
    /// Keys go to the search text (after `/`) instead of commands.
    pub typing: bool,
}

/// What the screen is doing with keys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    /// The verdict of the current exercise.
    Main,
    List(ListView),
    /// `x` was pressed: `y` resets, anything else keeps the file.
    ConfirmReset,
}

/// What the key handler may know about the course: names, chapters,
/// progress and which exercise is on screen.
#[derive(Debug, Clone, Copy)]
pub struct Facts<'a> {
    pub names: &'a [&'a str],
    pub chapters: &'a [&'a str],
    pub done: &'a [bool],
    /// The exercise on screen (index into the course).
    pub viewing: usize,
}

/// What the owner of the state must do after a key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Quit,
    RevealHint,
    /// Move to the next exercise not done.
    Next,
    /// Make this exercise (index into the course) current and check it.
    Jump(usize),
    Recheck,
    VerifyAll,
    /// Confirmed: back up the file and restore the original.
    Reset,
    ShowSolution,
    /// Send the exercise and its verdict to the classroom's help queue.
    RaiseHand,
    /// Go to the exercise the instructor moved the room to.
    FollowRoom,
    /// A one-line answer to the key (why nothing happened, for instance).
    Say(String),
}

/// The course indices the list shows, in course order.
pub fn visible(view: &ListView, facts: &Facts) -> Vec<usize> {
    let needle = view.search.to_lowercase();
    (0..facts.names.len())
        .filter(|&i| match view.filter {
            Filter::All => true,
            Filter::Pending => !facts.done[i],
            Filter::Done => facts.done[i],
        })
        .filter(|&i| {
            needle.is_empty()
                || facts.names[i].to_lowercase().contains(&needle)
                || facts.chapters[i].to_lowercase().contains(&needle)
        })
        .collect()
}

/// The heart of the watch screen's keyboard: pure, so it is unit-tested.
pub fn handle_key(mode: &Mode, key: &Key, facts: &Facts) -> (Mode, Vec<Action>) {
    // Ctrl-C quits from anywhere; in raw mode it arrives as a key.
    if *key == Key::CtrlC {
        return (mode.clone(), vec![Action::Quit]);
    }
    match mode {
        Mode::Main => main_key(key, facts),
        Mode::ConfirmReset => match key {
            Key::Char('y' | 'Y') => (Mode::Main, vec![Action::Reset]),
            _ => (Mode::Main, vec![Action::Say(NOTHING_CHANGED.to_owned())]),
        },
        Mode::List(view) => list_key(view, key, facts),
    }
}

fn main_key(key: &Key, facts: &Facts) -> (Mode, Vec<Action>) {
    let name = facts.names[facts.viewing];
    let done = facts.done[facts.viewing];
    let actions = match key {
        Key::Char('h') => vec![Action::RevealHint],
        Key::Char('n') if done => vec![Action::Next],
        Key::Char('n') => vec![Action::Say(format!(
            "`n` moves on once {name} is done: fix what the verdict shows first \
             (`h` for a hint, `l` to pick another exercise)"
        ))],
        Key::Char('l') => {
            let view = ListView {
                cursor: facts.viewing,
                filter: Filter::All,
                search: String::new(),
                typing: false,
            };
            return (Mode::List(view), vec![]);
        }
        Key::Char('r') => vec![Action::Recheck],
        Key::Char('c') => vec![Action::VerifyAll],
        Key::Char('x') => return (Mode::ConfirmReset, vec![]),
        Key::Char('s') if done => vec![Action::ShowSolution],
        Key::Char('s') => vec![Action::Say(format!(
            "the solution of {name} is shown once it is done (`h` for a hint)"
        ))],
        Key::Char('q') => vec![Action::Quit],
        Key::Char('?') => vec![Action::RaiseHand],
        Key::Char('g') => vec![Action::FollowRoom],
        // Escape and stray keys (arrows, a mouse wheel) do nothing.
        Key::Char(c) if !c.is_control() => vec![Action::Say(format!(
            "`{c}` does nothing here: the keys are listed at the bottom"
        ))],
        _ => vec![],
    };
    (Mode::Main, actions)
}

fn list_key(view: &ListView, key: &Key, facts: &Facts) -> (Mode, Vec<Action>) {
    let mut view = view.clone();
    let rows = visible(&view, facts);
    let jump = |cursor: usize| match rows.get(cursor) {
        Some(&i) => (Mode::Main, vec![Action::Jump(i)]),
        None => (
            Mode::List(view.clone()),
            vec![Action::Say(NOTHING_TO_JUMP_TO.to_owned())],
        ),
    };
    match key {
        Key::Enter => return jump(view.cursor),
        Key::ArrowDown => view.cursor += 1,
        Key::ArrowUp => view.cursor = view.cursor.saturating_sub(1),
        Key::PageDown => view.cursor += 10,
        Key::PageUp => view.cursor = view.cursor.saturating_sub(10),
        Key::Home => view.cursor = 0,
        Key::End => view.cursor = usize::MAX,
        _ if view.typing => match key {
            Key::Escape => {
                view.typing = false;
                view.search.clear();
            }
            Key::Backspace => {
                view.search.pop();
                view.cursor = 0;
            }
            Key::Char(c) if !c.is_control() => {
                view.search.push(*c);
                view.cursor = 0;
            }
            _ => {}
        },
        Key::Escape | Key::Char('q') => return (Mode::Main, vec![]),
        Key::Char('j') => view.cursor += 1,
        Key::Char('k') => view.cursor = view.cursor.saturating_sub(1),
        Key::Char('g') => view.cursor = 0,
        Key::Char('G') => view.cursor = usize::MAX,
        Key::Char('/') => view.typing = true,
        Key::Char('f') => {
            view.filter = view.filter.next();
            view.cursor = 0;
        }
        Key::Char('a') => view.filter = Filter::All,
        Key::Char('p') => view.filter = Filter::Pending,
        Key::Char('d') => view.filter = Filter::Done,
        _ => {}
    }
    // The filter or search may have shrunk the rows: keep the cursor on one.
    let len = visible(&view, facts).len();
    view.cursor = view.cursor.min(len.saturating_sub(1));
    (Mode::List(view), vec![])
}

const NOTHING_CHANGED: &str = "Nothing changed: your file is as you left it.";
const NOTHING_TO_JUMP_TO: &str =
    "no exercise matches: change the search (Backspace) or the filter (f)";

#[cfg(test)]
mod tests {
    use super::*;

    const NAMES: &[&str] = &["intro1", "intro2", "vars1", "vars2"];
    const CHAPTERS: &[&str] = &["00_intro", "00_intro", "01_vars", "01_vars"];

    fn facts(done: &[bool], viewing: usize) -> Facts<'_> {
        Facts {
            names: NAMES,
            chapters: CHAPTERS,
            done,
            viewing,
        }
    }

    fn press(mode: &Mode, keys: &[Key], facts: &Facts) -> (Mode, Vec<Action>) {
        let mut mode = mode.clone();
        let mut all = Vec::new();
        for key in keys {
            let (next, actions) = handle_key(&mode, key, facts);
            mode = next;
            all.extend(actions);
        }
        (mode, all)
    }

    #[test]
    fn next_only_when_done() {
        let f = facts(&[false, false, false, false], 0);
        let (mode, actions) = handle_key(&Mode::Main, &Key::Char('n'), &f);
        assert_eq!(mode, Mode::Main);
        assert!(matches!(&actions[..], [Action::Say(s)] if s.contains("once intro1 is done")));
        let f = facts(&[true, false, false, false], 0);
        let (_, actions) = handle_key(&Mode::Main, &Key::Char('n'), &f);
        assert_eq!(actions, [Action::Next]);
    }

    #[test]
    fn simple_keys_map_to_actions() {
        let f = facts(&[true, false, false, false], 0);
        for (c, action) in [
            ('h', Action::RevealHint),
            ('r', Action::Recheck),
            ('c', Action::VerifyAll),
            ('s', Action::ShowSolution),
            ('q', Action::Quit),
            ('?', Action::RaiseHand),
            ('g', Action::FollowRoom),
        ] {
            let (mode, actions) = handle_key(&Mode::Main, &Key::Char(c), &f);
            assert_eq!((mode, actions), (Mode::Main, vec![action]), "key {c}");
        }
    }

    #[test]
    fn solution_waits_for_done() {
        let f = facts(&[false; 4], 1);
        let (_, actions) = handle_key(&Mode::Main, &Key::Char('s'), &f);
        assert!(matches!(&actions[..], [Action::Say(s)] if s.contains("intro2")));
    }

    #[test]
    fn ctrl_c_quits_from_every_mode() {
        let f = facts(&[false; 4], 0);
        let list = Mode::List(ListView {
            cursor: 0,
            filter: Filter::All,
            search: String::new(),
            typing: true,
        });
        for mode in [Mode::Main, Mode::ConfirmReset, list] {
            let (_, actions) = handle_key(&mode, &Key::CtrlC, &f);
            assert_eq!(actions, [Action::Quit]);
        }
    }

    #[test]
    fn reset_needs_y() {
        let f = facts(&[false; 4], 0);
        let (mode, actions) = press(&Mode::Main, &[Key::Char('x'), Key::Char('y')], &f);
        assert_eq!((mode, actions), (Mode::Main, vec![Action::Reset]));
        let (mode, actions) = press(&Mode::Main, &[Key::Char('x'), Key::Char('n')], &f);
        assert_eq!(mode, Mode::Main);
        assert!(matches!(&actions[..], [Action::Say(s)] if s.starts_with("Nothing changed")));
        // Enter is not a yes.
        let (_, actions) = press(&Mode::Main, &[Key::Char('x'), Key::Enter], &f);
        assert!(!actions.contains(&Action::Reset));
    }

    #[test]
    fn list_opens_on_the_current_exercise_and_jumps() {
        let f = facts(&[true, false, false, false], 1);
        let (mode, _) = handle_key(&Mode::Main, &Key::Char('l'), &f);
        assert!(matches!(&mode, Mode::List(v) if v.cursor == 1));
        let (mode, actions) = press(&mode, &[Key::Char('j'), Key::ArrowDown, Key::Enter], &f);
        assert_eq!((mode, actions), (Mode::Main, vec![Action::Jump(3)]));
    }

    #[test]
    fn list_cursor_stays_in_bounds() {
        let f = facts(&[false; 4], 0);
        let (mode, _) = press(
            &Mode::Main,
            &[Key::Char('l'), Key::Char('k'), Key::Char('k')],
            &f,
        );
        assert!(matches!(&mode, Mode::List(v) if v.cursor == 0));
        let (mode, _) = press(&mode, &[Key::Char('G'), Key::Char('j')], &f);
        assert!(matches!(&mode, Mode::List(v) if v.cursor == 3));
    }

    #[test]
    fn list_filters_done_and_pending() {
        let f = facts(&[true, false, true, false], 0);
        let (mode, _) = press(&Mode::Main, &[Key::Char('l'), Key::Char('p')], &f);
        let Mode::List(view) = &mode else {
            panic!("still in the list")
        };
        assert_eq!(visible(view, &f), [1, 3]);
        let (mode, actions) = press(&mode, &[Key::Enter], &f);
        assert_eq!((mode, actions), (Mode::Main, vec![Action::Jump(1)]));
        let (mode, _) = press(&Mode::Main, &[Key::Char('l'), Key::Char('d')], &f);
        let Mode::List(view) = &mode else {
            panic!("still in the list")
        };
        assert_eq!(visible(view, &f), [0, 2]);
    }

    #[test]
    fn search_takes_letters_that_are_commands_elsewhere() {
        let f = facts(&[false; 4], 0);
        let keys = [
            Key::Char('l'),
            Key::Char('/'),
            Key::Char('v'),
            Key::Char('q'), // typed, not "back"
            Key::Backspace,
            Key::Char('a'),
            Key::Char('r'),
            Key::Char('s'),
            Key::Char('2'),
        ];
        let (mode, actions) = press(&Mode::Main, &keys, &f);
        assert!(actions.is_empty());
        let Mode::List(view) = &mode else {
            panic!("still in the list")
        };
        assert_eq!(view.search, "vars2");
        assert_eq!(visible(view, &f), [3]);
        let (mode, actions) = press(&mode, &[Key::Enter], &f);
        assert_eq!((mode, actions), (Mode::Main, vec![Action::Jump(3)]));
    }

    #[test]
    fn search_matches_chapters_and_escape_clears_it() {
        let f = facts(&[false; 4], 0);
        let keys = [
            Key::Char('l'),
            Key::Char('/'),
            Key::Char('0'),
            Key::Char('1'),
        ];
        let (mode, _) = press(&Mode::Main, &keys, &f);
        let Mode::List(view) = &mode else {
            panic!("still in the list")
        };
        assert_eq!(visible(view, &f), [2, 3]);
        let (mode, _) = press(&mode, &[Key::Escape], &f);
        let Mode::List(view) = &mode else {
            panic!("Esc while typing only ends the search")
        };
        assert!(view.search.is_empty() && !view.typing);
        let (mode, actions) = press(&mode, &[Key::Escape], &f);
        assert_eq!((mode, actions), (Mode::Main, vec![]));
    }

    #[test]
    fn enter_on_an_empty_list_says_why() {
        let f = facts(&[false; 4], 0);
        let keys = [Key::Char('l'), Key::Char('d'), Key::Enter];
        let (mode, actions) = press(&Mode::Main, &keys, &f);
        assert!(matches!(mode, Mode::List(_)));
        assert!(matches!(&actions[..], [Action::Say(_)]));
    }
}
