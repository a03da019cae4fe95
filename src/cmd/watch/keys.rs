//! Key handling as a pure state machine: (mode, key, facts) → (new mode,
//! actions). Nothing here touches the disk, the screen or a thread, so every
//! key of the watch screen is unit-tested below; the loop in `app` carries
//! the actions out. `Key` is the few keys the screen tells apart, read from
//! crossterm's key events.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::ui::text::t;

/// A key press, as the watch screen tells them apart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Key {
    /// A character typed (with or without Shift).
    Char(char),
    /// Raw mode turns Ctrl-C into a key rather than a signal.
    CtrlC,
    Enter,
    Escape,
    Backspace,
    ArrowUp,
    ArrowDown,
    PageUp,
    PageDown,
    Home,
    End,
    /// Any other key or chord (Tab, a function key, Alt-x, Ctrl-x): it
    /// does nothing.
    Other,
}

impl Key {
    /// The key a terminal's key event is; `None` for a release (only
    /// reported by terminals asked for it). The Ctrl chords that shells
    /// treat as editing keys (Ctrl-A, -E, -H, -J) count as those keys.
    pub fn from_event(event: &KeyEvent) -> Option<Key> {
        if event.kind == KeyEventKind::Release {
            return None;
        }
        let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
        let alt = event.modifiers.contains(KeyModifiers::ALT);
        Some(match event.code {
            KeyCode::Char(_) if alt => Key::Other,
            KeyCode::Char(c) if ctrl => match c.to_ascii_lowercase() {
                'c' => Key::CtrlC,
                'a' => Key::Home,
                'e' => Key::End,
                'h' => Key::Backspace,
                'j' => Key::Enter,
                _ => Key::Other,
            },
            KeyCode::Char(c) => Key::Char(c),
            KeyCode::Enter => Key::Enter,
            KeyCode::Esc => Key::Escape,
            KeyCode::Backspace => Key::Backspace,
            KeyCode::Up => Key::ArrowUp,
            KeyCode::Down => Key::ArrowDown,
            KeyCode::PageUp => Key::PageUp,
            KeyCode::PageDown => Key::PageDown,
            KeyCode::Home => Key::Home,
            KeyCode::End => Key::End,
            _ => Key::Other,
        })
    }
}

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

    pub fn label(self) -> String {
        match self {
            Filter::All => t!("watch-filter-all"),
            Filter::Pending => t!("watch-filter-pending"),
            Filter::Done => t!("watch-filter-done"),
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
    /// `?` was pressed: the one-line message the hand carries, being typed
    /// (Enter sends, with no message when empty; Esc cancels).
    HandNote(String),
}

/// The longest message a raised hand carries, in characters: what the
/// wire keeps of a note.
pub const MAX_HAND_NOTE: usize = rustdrill_classroom::MAX_TEXT;

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
    /// Send the exercise and its verdict to the classroom's help queue,
    /// with the learner's message if they typed one.
    RaiseHand(Option<String>),
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
            _ => (Mode::Main, vec![Action::Say(t!("key-nothing-changed"))]),
        },
        Mode::List(view) => list_key(view, key, facts),
        Mode::HandNote(note) => hand_note_key(note, key),
    }
}

fn hand_note_key(note: &str, key: &Key) -> (Mode, Vec<Action>) {
    let mut note = note.to_owned();
    match key {
        Key::Enter => {
            let note = note.trim();
            let note = (!note.is_empty()).then(|| note.to_owned());
            return (Mode::Main, vec![Action::RaiseHand(note)]);
        }
        Key::Escape => return (Mode::Main, vec![Action::Say(t!("key-hand-cancelled"))]),
        Key::Backspace => {
            note.pop();
        }
        Key::Char(c) if !c.is_control() && note.chars().count() < MAX_HAND_NOTE => note.push(*c),
        _ => {}
    }
    (Mode::HandNote(note), vec![])
}

fn main_key(key: &Key, facts: &Facts) -> (Mode, Vec<Action>) {
    let name = facts.names[facts.viewing];
    let done = facts.done[facts.viewing];
    let actions = match key {
        Key::Char('h') => vec![Action::RevealHint],
        Key::Char('n') if done => vec![Action::Next],
        Key::Char('n') => vec![Action::Say(t!("key-next-not-done", name = name))],
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
        Key::Char('s') => vec![Action::Say(t!("key-solution-not-done", name = name))],
        Key::Char('q') => vec![Action::Quit],
        Key::Char('?') => return (Mode::HandNote(String::new()), vec![]),
        Key::Char('g') => vec![Action::FollowRoom],
        // Escape and stray keys (arrows, a mouse wheel) do nothing.
        Key::Char(c) if !c.is_control() => {
            vec![Action::Say(t!("key-unknown", key = c.to_string()))]
        }
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
            vec![Action::Say(t!("key-list-no-match"))],
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
            ('g', Action::FollowRoom),
        ] {
            let (mode, actions) = handle_key(&Mode::Main, &Key::Char(c), &f);
            assert_eq!((mode, actions), (Mode::Main, vec![action]), "key {c}");
        }
    }

    #[test]
    fn a_hand_asks_for_a_message_enter_sends_and_esc_cancels() {
        let f = facts(&[false; 4], 0);
        let (mode, actions) = handle_key(&Mode::Main, &Key::Char('?'), &f);
        assert_eq!((&mode, actions), (&Mode::HandNote(String::new()), vec![]));
        // Letters that are commands elsewhere are typed; Backspace edits.
        let keys = [
            Key::Char('q'),
            Key::Char('x'),
            Key::Backspace,
            Key::Char(' '),
            Key::Char('?'),
            Key::Char(' '),
            Key::Enter,
        ];
        let (mode, actions) = press(&mode, &keys, &f);
        assert_eq!(
            (mode, actions),
            (Mode::Main, vec![Action::RaiseHand(Some("q ?".into()))])
        );
        // Enter alone: the hand with no message.
        let (mode, actions) = press(&Mode::Main, &[Key::Char('?'), Key::Enter], &f);
        assert_eq!((mode, actions), (Mode::Main, vec![Action::RaiseHand(None)]));
        // Esc: no hand at all.
        let keys = [Key::Char('?'), Key::Char('a'), Key::Escape];
        let (mode, actions) = press(&Mode::Main, &keys, &f);
        assert_eq!(mode, Mode::Main);
        assert!(matches!(&actions[..], [Action::Say(_)]), "{actions:?}");
    }

    #[test]
    fn a_hands_message_stops_at_what_the_wire_keeps() {
        let f = facts(&[false; 4], 0);
        let mut mode = Mode::HandNote(String::new());
        for _ in 0..MAX_HAND_NOTE + 10 {
            mode = handle_key(&mode, &Key::Char('é'), &f).0;
        }
        assert!(matches!(&mode, Mode::HandNote(n) if n.chars().count() == MAX_HAND_NOTE));
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
        for mode in [
            Mode::Main,
            Mode::ConfirmReset,
            list,
            Mode::HandNote("a".into()),
        ] {
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

    fn event(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn terminal_keys_become_screen_keys() {
        let none = KeyModifiers::NONE;
        let ctrl = KeyModifiers::CONTROL;
        for (code, modifiers, key) in [
            (KeyCode::Char('q'), none, Key::Char('q')),
            (KeyCode::Char('G'), KeyModifiers::SHIFT, Key::Char('G')),
            (KeyCode::Char('c'), ctrl, Key::CtrlC),
            (KeyCode::Char('h'), ctrl, Key::Backspace),
            (KeyCode::Char('a'), ctrl, Key::Home),
            (KeyCode::Char('e'), ctrl, Key::End),
            (KeyCode::Char('j'), ctrl, Key::Enter),
            (KeyCode::Char('n'), ctrl, Key::Other),
            (KeyCode::Char('n'), KeyModifiers::ALT, Key::Other),
            (KeyCode::Enter, none, Key::Enter),
            (KeyCode::Esc, none, Key::Escape),
            (KeyCode::Backspace, none, Key::Backspace),
            (KeyCode::Up, none, Key::ArrowUp),
            (KeyCode::Down, none, Key::ArrowDown),
            (KeyCode::PageUp, none, Key::PageUp),
            (KeyCode::PageDown, none, Key::PageDown),
            (KeyCode::Home, none, Key::Home),
            (KeyCode::End, none, Key::End),
            (KeyCode::Tab, none, Key::Other),
            (KeyCode::F(1), none, Key::Other),
        ] {
            assert_eq!(
                Key::from_event(&event(code, modifiers)),
                Some(key),
                "{code:?} {modifiers:?}"
            );
        }
    }

    #[test]
    fn a_key_counts_once_not_again_on_release() {
        let mut release = event(KeyCode::Char('n'), KeyModifiers::NONE);
        release.kind = KeyEventKind::Release;
        assert_eq!(Key::from_event(&release), None);
    }

    #[test]
    fn ctrl_chords_do_not_act_as_their_letter() {
        // Ctrl-N must not move on, Ctrl-Q must not quit.
        let f = facts(&[true; 4], 0);
        for c in ['n', 'q', 'x'] {
            let key =
                Key::from_event(&event(KeyCode::Char(c), KeyModifiers::CONTROL)).expect("a press");
            assert_eq!(handle_key(&Mode::Main, &key, &f), (Mode::Main, vec![]));
        }
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
