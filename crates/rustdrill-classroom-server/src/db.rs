//! The classroom's database: SQLite in WAL mode, one file. Every event a
//! learner sends is stored once (its `(learner, seq)` is the key, so a
//! repeat is ignored) in the same transaction as its effect on the room,
//! so a killed server restarts with exactly the room it had.

use std::path::Path;

use anyhow::{Context, Result};
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use super::{CourseExercise, Event, EventKind, Hand, MAX_CODE, Status, random_hex};
// The wire's cut, which the server applies to what it stores too.
pub(crate) use super::clip;

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS learners(
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    token TEXT NOT NULL UNIQUE,
    joined_at INTEGER NOT NULL,
    current TEXT,
    current_since INTEGER,
    last_seen INTEGER
);
CREATE TABLE IF NOT EXISTS events(
    learner INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    kind TEXT NOT NULL,
    exercise TEXT NOT NULL,
    verdict TEXT,
    message TEXT,
    checks INTEGER NOT NULL,
    hints INTEGER NOT NULL,
    at INTEGER NOT NULL,
    received_at INTEGER NOT NULL,
    PRIMARY KEY(learner, seq)
);
CREATE TABLE IF NOT EXISTS progress(
    learner INTEGER NOT NULL,
    exercise TEXT NOT NULL,
    status TEXT NOT NULL,
    checks INTEGER NOT NULL DEFAULT 0,
    hints INTEGER NOT NULL DEFAULT 0,
    first_at INTEGER,
    solved_at INTEGER,
    message TEXT,
    PRIMARY KEY(learner, exercise)
);
CREATE TABLE IF NOT EXISTS help(
    id INTEGER PRIMARY KEY,
    learner INTEGER NOT NULL,
    exercise TEXT NOT NULL,
    code TEXT NOT NULL,
    verdict TEXT,
    message TEXT,
    raised_at INTEGER NOT NULL,
    answered_at INTEGER,
    lowered_at INTEGER
);
";

/// The longest name, message or announcement stored (characters).
pub const MAX_TEXT: usize = 500;

pub struct Db {
    conn: Connection,
}

/// Everything the dashboard shows.
#[derive(Debug, Serialize)]
pub struct Room {
    pub course: Vec<CourseExercise>,
    pub learners: Vec<LearnerRow>,
    pub help: Vec<HelpRow>,
    pub announcement: Option<String>,
    pub goto: Option<String>,
    pub stuck_minutes: u32,
    pub stuck_checks: u32,
    pub now: i64,
}

#[derive(Debug, Serialize)]
pub struct LearnerRow {
    pub id: i64,
    pub name: String,
    pub current: Option<String>,
    pub current_since: Option<i64>,
    pub last_seen: Option<i64>,
    pub exercises: Vec<ProgressRow>,
}

#[derive(Debug, Serialize)]
pub struct ProgressRow {
    pub exercise: String,
    pub status: String,
    pub checks: u32,
    pub hints: u32,
    pub first_at: Option<i64>,
    pub solved_at: Option<i64>,
    pub message: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct HelpRow {
    pub id: i64,
    pub learner: i64,
    pub name: String,
    pub exercise: String,
    pub code: String,
    pub verdict: Option<String>,
    pub message: Option<String>,
    pub raised_at: i64,
    pub answered_at: Option<i64>,
}

/// One stored event, as `/api/log` lists it.
#[derive(Debug, Serialize)]
pub struct LogRow {
    pub learner: i64,
    pub seq: i64,
    pub kind: String,
    pub exercise: String,
    pub verdict: Option<String>,
    pub checks: u32,
    pub hints: u32,
    pub at: i64,
    pub received_at: i64,
}

/// One line of `classroom export`.
#[derive(Debug, Serialize)]
pub struct ExportRow {
    pub learner: String,
    pub exercise: String,
    pub solved: bool,
    /// Seconds from first seen to first solved.
    pub time_to_solve_secs: Option<u64>,
    pub checks: u32,
    pub hints: u32,
}

impl Db {
    pub fn open(path: &Path) -> Result<Db> {
        let conn = Connection::open(path)
            .with_context(|| format!("cannot open the database {}", path.display()))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        // FULL: a commit is on disk before a learner is told it is stored,
        // since the learner then forgets it.
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        conn.execute_batch(SCHEMA)
            .with_context(|| format!("cannot set up the database {}", path.display()))?;
        Ok(Db { conn })
    }

    /// A setting, created with `make()` the first time.
    pub fn meta_or(&self, key: &str, make: impl FnOnce() -> String) -> Result<String> {
        if let Some(v) = self.meta(key)? {
            return Ok(v);
        }
        let v = make();
        self.set_meta(key, Some(&v))?;
        Ok(v)
    }

    pub fn meta(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
            .optional()?)
    }

    pub fn set_meta(&self, key: &str, value: Option<&str>) -> Result<()> {
        match value {
            Some(v) => self.conn.execute(
                "INSERT INTO meta(key, value) VALUES (?1, ?2)
                 ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                params![key, v],
            )?,
            None => self
                .conn
                .execute("DELETE FROM meta WHERE key = ?1", [key])?,
        };
        Ok(())
    }

    /// The join code and the instructor key, made once per database.
    pub fn secrets(&self) -> Result<(String, String)> {
        let code = self.meta_or("join_code", join_code)?;
        let key = self.meta_or("instructor_key", || random_hex(16))?;
        Ok((code, key))
    }

    pub fn join(&self, name: &str, course: &[CourseExercise], now: u64) -> Result<(i64, String)> {
        let now = ms(now);
        let token = random_hex(32);
        let name = clip(name.trim(), 60);
        let name = if name.is_empty() { "anonymous" } else { name };
        self.conn.execute(
            "INSERT INTO learners(name, token, joined_at, last_seen) VALUES (?1, ?2, ?3, ?3)",
            params![name, token, now],
        )?;
        // Before the course's layout is saved: that insert has a rowid too.
        let id = self.conn.last_insert_rowid();
        if !course.is_empty() && course.len() <= 2000 {
            let course: Vec<_> = course
                .iter()
                .map(|e| CourseExercise {
                    name: clip(&e.name, 60).to_owned(),
                    chapter: clip(&e.chapter, 60).to_owned(),
                })
                .collect();
            self.set_meta("course", Some(&serde_json::to_string(&course)?))?;
        }
        Ok((id, token))
    }

    pub fn learner_by_token(&self, token: &str) -> Result<Option<i64>> {
        Ok(self
            .conn
            .query_row("SELECT id FROM learners WHERE token = ?1", [token], |r| {
                r.get(0)
            })
            .optional()?)
    }

    /// Stores the events not stored yet and applies them; returns the
    /// number newly stored.
    pub fn add_events(&mut self, learner: i64, events: &[Event], now: u64) -> Result<usize> {
        let now = ms(now);
        let tx = self.conn.transaction()?;
        let mut added = 0;
        for e in events {
            let message = e.message.as_deref().map(|m| clip(m, MAX_TEXT));
            let exercise = clip(&e.exercise, 60);
            let inserted = tx.execute(
                "INSERT OR IGNORE INTO events(learner, seq, kind, exercise, verdict, message,
                     checks, hints, at, received_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                params![
                    learner,
                    i64::try_from(e.seq).unwrap_or(i64::MAX),
                    e.kind.as_str(),
                    exercise,
                    e.verdict.as_deref().map(|v| clip(v, 40)),
                    message,
                    e.checks,
                    e.hints,
                    ms(e.at),
                    now
                ],
            )?;
            if inserted == 0 {
                continue;
            }
            added += 1;
            apply(&tx, learner, e, exercise, message)?;
        }
        tx.execute(
            "UPDATE learners SET last_seen = ?2 WHERE id = ?1",
            params![learner, now],
        )?;
        tx.commit()?;
        Ok(added)
    }

    /// What a learner's screen shows of the room.
    pub fn status(&self, learner: i64) -> Result<Status> {
        let acked: Option<i64> = self.conn.query_row(
            "SELECT MAX(seq) FROM events WHERE learner = ?1",
            [learner],
            |r| r.get(0),
        )?;
        let hand = self
            .conn
            .query_row(
                "SELECT exercise, answered_at IS NOT NULL FROM help
                 WHERE learner = ?1 AND lowered_at IS NULL ORDER BY id DESC LIMIT 1",
                [learner],
                |r| {
                    Ok(Hand {
                        exercise: r.get(0)?,
                        answered: r.get(1)?,
                    })
                },
            )
            .optional()?;
        Ok(Status {
            acked: acked.map_or(0, |a| u64::try_from(a).unwrap_or(0)),
            announcement: self.meta("announcement")?,
            goto: self.meta("goto")?,
            hand,
        })
    }

    pub fn answer(&self, help: i64, now: u64) -> Result<bool> {
        let now = ms(now);
        Ok(self.conn.execute(
            "UPDATE help SET answered_at = ?2 WHERE id = ?1 AND answered_at IS NULL",
            params![help, now],
        )? > 0)
    }

    pub fn room(&self, now: u64) -> Result<Room> {
        let course: Vec<CourseExercise> = match self.meta("course")? {
            Some(json) => serde_json::from_str(&json).unwrap_or_default(),
            None => Vec::new(),
        };
        let mut learners = Vec::new();
        {
            let mut stmt = self.conn.prepare(
                "SELECT id, name, current, current_since, last_seen FROM learners ORDER BY id",
            )?;
            let rows = stmt.query_map([], |r| {
                Ok(LearnerRow {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    current: r.get(2)?,
                    current_since: r.get(3)?,
                    last_seen: r.get(4)?,
                    exercises: Vec::new(),
                })
            })?;
            for row in rows {
                learners.push(row?);
            }
        }
        let mut stmt = self.conn.prepare(
            "SELECT learner, exercise, status, checks, hints, first_at, solved_at, message
             FROM progress ORDER BY learner",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                ProgressRow {
                    exercise: r.get(1)?,
                    status: r.get(2)?,
                    checks: r.get(3)?,
                    hints: r.get(4)?,
                    first_at: r.get(5)?,
                    solved_at: r.get(6)?,
                    message: r.get(7)?,
                },
            ))
        })?;
        for row in rows {
            let (learner, progress) = row?;
            if let Some(l) = learners.iter_mut().find(|l| l.id == learner) {
                l.exercises.push(progress);
            }
        }
        let mut help = Vec::new();
        let mut stmt = self.conn.prepare(
            "SELECT h.id, h.learner, l.name, h.exercise, h.code, h.verdict, h.message,
                    h.raised_at, h.answered_at
             FROM help h JOIN learners l ON l.id = h.learner
             WHERE h.lowered_at IS NULL ORDER BY h.raised_at, h.id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(HelpRow {
                id: r.get(0)?,
                learner: r.get(1)?,
                name: r.get(2)?,
                exercise: r.get(3)?,
                code: r.get(4)?,
                verdict: r.get(5)?,
                message: r.get(6)?,
                raised_at: r.get(7)?,
                answered_at: r.get(8)?,
            })
        })?;
        for row in rows {
            help.push(row?);
        }
        let number = |key: &str, default: u32| -> Result<u32> {
            Ok(self
                .meta(key)?
                .and_then(|v| v.parse().ok())
                .unwrap_or(default))
        };
        Ok(Room {
            course,
            learners,
            help,
            announcement: self.meta("announcement")?,
            goto: self.meta("goto")?,
            stuck_minutes: number("stuck_minutes", 10)?,
            stuck_checks: number("stuck_checks", 8)?,
            now: ms(now),
        })
    }

    /// Every stored event, per learner in seq order (no code: hands are
    /// in the help queue).
    pub fn log(&self) -> Result<Vec<LogRow>> {
        let mut stmt = self.conn.prepare(
            "SELECT learner, seq, kind, exercise, verdict, checks, hints, at, received_at
             FROM events ORDER BY learner, seq",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(LogRow {
                learner: r.get(0)?,
                seq: r.get(1)?,
                kind: r.get(2)?,
                exercise: r.get(3)?,
                verdict: r.get(4)?,
                checks: r.get(5)?,
                hints: r.get(6)?,
                at: r.get(7)?,
                received_at: r.get(8)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn export(&self) -> Result<Vec<ExportRow>> {
        let mut stmt = self.conn.prepare(
            "SELECT l.name, p.exercise, p.solved_at IS NOT NULL, p.first_at, p.solved_at,
                    p.checks, p.hints
             FROM progress p JOIN learners l ON l.id = p.learner
             ORDER BY l.id, p.rowid",
        )?;
        let rows = stmt.query_map([], |r| {
            let first: Option<i64> = r.get(3)?;
            let solved: Option<i64> = r.get(4)?;
            Ok(ExportRow {
                learner: r.get(0)?,
                exercise: r.get(1)?,
                solved: r.get(2)?,
                time_to_solve_secs: first
                    .zip(solved)
                    .map(|(f, s)| u64::try_from(s.saturating_sub(f) / 1000).unwrap_or(0)),
                checks: r.get(5)?,
                hints: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

/// One new event's effect on the room.
fn apply(
    tx: &rusqlite::Transaction<'_>,
    learner: i64,
    e: &Event,
    exercise: &str,
    message: Option<&str>,
) -> Result<()> {
    tx.execute(
        "INSERT INTO progress(learner, exercise, status, first_at) VALUES (?1, ?2, 'seen', ?3)
         ON CONFLICT(learner, exercise) DO UPDATE SET first_at = MIN(first_at, excluded.first_at)",
        params![learner, exercise, ms(e.at)],
    )?;
    match e.kind {
        EventKind::Check => {
            let passed = e.verdict.as_deref() == Some("pass");
            tx.execute(
                "UPDATE progress SET status = ?3, checks = MAX(checks, ?4), hints = MAX(hints, ?5),
                     message = ?6, solved_at = CASE WHEN ?7 THEN COALESCE(solved_at, ?8) ELSE solved_at END
                 WHERE learner = ?1 AND exercise = ?2",
                params![
                    learner,
                    exercise,
                    if passed { "done" } else { "failing" },
                    e.checks,
                    e.hints,
                    message,
                    passed,
                    ms(e.at)
                ],
            )?;
            if passed {
                tx.execute(
                    "UPDATE help SET lowered_at = ?3
                     WHERE learner = ?1 AND exercise = ?2 AND lowered_at IS NULL",
                    params![learner, exercise, ms(e.at)],
                )?;
            }
        }
        EventKind::Hint => {
            tx.execute(
                "UPDATE progress SET hints = MAX(hints, ?3) WHERE learner = ?1 AND exercise = ?2",
                params![learner, exercise, e.hints],
            )?;
        }
        EventKind::Current => {}
        EventKind::Help => {
            let code = e.code.as_deref().unwrap_or("");
            let code = clip(code, MAX_CODE);
            // One open hand per learner: a new one replaces the old.
            tx.execute(
                "UPDATE help SET lowered_at = ?2 WHERE learner = ?1 AND lowered_at IS NULL",
                params![learner, ms(e.at)],
            )?;
            tx.execute(
                "INSERT INTO help(learner, exercise, code, verdict, message, raised_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![learner, exercise, code, e.verdict, message, ms(e.at)],
            )?;
        }
    }
    let current = e.current.as_deref().map(|c| clip(c, 60)).or(
        // A check or help names what the learner works on.
        matches!(e.kind, EventKind::Current | EventKind::Help).then_some(exercise),
    );
    if let Some(current) = current {
        tx.execute(
            "UPDATE learners SET current_since = CASE WHEN current IS ?2 THEN current_since ELSE ?3 END,
                 current = ?2
             WHERE id = ?1",
            params![learner, current, ms(e.at)],
        )?;
        tx.execute(
            "INSERT OR IGNORE INTO progress(learner, exercise, status, first_at)
             VALUES (?1, ?2, 'seen', ?3)",
            params![learner, current, ms(e.at)],
        )?;
    }
    Ok(())
}

/// Unix milliseconds as SQLite stores them.
fn ms(t: u64) -> i64 {
    i64::try_from(t).unwrap_or(i64::MAX)
}

/// Six characters nobody misreads on a projector.
fn join_code() -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    let mut buf = [0u8; 6];
    getrandom::fill(&mut buf).expect("the OS has a random source");
    buf.iter()
        .map(|b| ALPHABET[usize::from(*b) % ALPHABET.len()] as char)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(seq: u64, kind: EventKind, exercise: &str, verdict: Option<&str>) -> Event {
        Event {
            seq,
            kind,
            exercise: exercise.into(),
            verdict: verdict.map(Into::into),
            message: None,
            checks: u32::try_from(seq).unwrap(),
            hints: 0,
            current: Some(exercise.into()),
            at: 1000 * seq,
            code: (kind == EventKind::Help).then(|| "fn main() {}".into()),
        }
    }

    #[test]
    fn a_repeated_event_is_stored_once_and_survives_a_reopen() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("room.sqlite3");
        let mut db = Db::open(&path).unwrap();
        let course = [CourseExercise {
            name: "intro1".into(),
            chapter: "00_intro".into(),
        }];
        let (ada, _) = db.join("Ada", &course, 0).unwrap();
        let (bob, _) = db.join("Bob", &course, 0).unwrap();
        assert_eq!((ada, bob), (1, 2), "the learners' own ids");
        let batch = [
            event(1, EventKind::Check, "intro1", Some("compile_error")),
            event(2, EventKind::Check, "intro1", Some("pass")),
        ];
        assert_eq!(db.add_events(ada, &batch, 5).unwrap(), 2);
        assert_eq!(db.add_events(ada, &batch, 6).unwrap(), 0, "a repeat");
        let secrets = db.secrets().unwrap();
        drop(db);
        let db = Db::open(&path).unwrap();
        assert_eq!(db.secrets().unwrap(), secrets, "same code and key");
        assert_eq!(db.status(ada).unwrap().acked, 2);
        assert_eq!(db.log().unwrap().len(), 2);
        let rows = db.export().unwrap();
        assert_eq!(rows.len(), 1);
        assert!(rows[0].solved);
        assert_eq!(rows[0].time_to_solve_secs, Some(1));
        assert_eq!(rows[0].checks, 2);
    }

    #[test]
    fn solving_lowers_a_raised_hand() {
        let dir = tempfile::tempdir().unwrap();
        let mut db = Db::open(&dir.path().join("room.sqlite3")).unwrap();
        let (ada, _) = db.join("Ada", &[], 0).unwrap();
        db.add_events(ada, &[event(1, EventKind::Help, "intro1", None)], 1)
            .unwrap();
        let hand = db.status(ada).unwrap().hand.unwrap();
        assert_eq!((hand.exercise.as_str(), hand.answered), ("intro1", false));
        let id = db.room(0).unwrap().help[0].id;
        assert!(db.answer(id, 2).unwrap());
        assert!(db.status(ada).unwrap().hand.unwrap().answered);
        db.add_events(
            ada,
            &[event(2, EventKind::Check, "intro1", Some("pass"))],
            3,
        )
        .unwrap();
        assert_eq!(db.status(ada).unwrap().hand, None);
        assert!(db.room(0).unwrap().help.is_empty());
    }

    #[test]
    fn clip_cuts_at_a_character_boundary() {
        assert_eq!(clip("héllo", 2), "h");
        assert_eq!(clip("abc", 10), "abc");
    }
}
