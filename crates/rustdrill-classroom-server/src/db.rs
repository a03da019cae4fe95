//! The classroom's database: SQLite in WAL mode, one file. Every event a
//! learner sends is stored once (its `(learner, seq)` is the key, so a
//! repeat is ignored) in the same transaction as its effect on the room,
//! so a killed server restarts with exactly the room it had.

use std::path::Path;

use anyhow::{Context, Result};
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use super::{CourseExercise, Event, EventKind, Hand, MAX_CODE, Status, random_hex};
pub use rustdrill_classroom::MAX_TEXT;
// The wire's cut, which the server applies to what it stores too.
pub(crate) use super::clip;

/// The schema as the first classroom made it (its databases have
/// `user_version` 0): `IF NOT EXISTS`, so it is also a no-op on them.
const SCHEMA_1: &str = "
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

/// Who is in the room (left, removed, their course), and richer hands.
/// The room's layout is the server's course now: the layout the last
/// learner to join stored goes.
const SCHEMA_2: &str = "
ALTER TABLE learners ADD COLUMN last_event INTEGER;
ALTER TABLE learners ADD COLUMN left_at INTEGER;
ALTER TABLE learners ADD COLUMN removed_at INTEGER;
ALTER TABLE learners ADD COLUMN course_note TEXT;
ALTER TABLE learners ADD COLUMN language TEXT;
UPDATE learners SET last_event = (SELECT MAX(received_at) FROM events WHERE learner = learners.id);
ALTER TABLE help ADD COLUMN note TEXT;
ALTER TABLE help ADD COLUMN error_line INTEGER;
ALTER TABLE help ADD COLUMN claimed_by TEXT;
DELETE FROM meta WHERE key = 'course';
";

/// Every schema change in order: a database at `user_version` n gets
/// `MIGRATIONS[n..]`, each in one transaction with its new version, so an
/// interrupted upgrade leaves the database at a version it really has.
const MIGRATIONS: &[&str] = &[SCHEMA_1, SCHEMA_2];
/// The longest learner name (bytes).
pub const MAX_NAME: usize = 60;
/// The most learners a room holds (removed ones do not count): the page
/// draws every row, so the room must stay drawable.
pub const MAX_LEARNERS: usize = 500;
/// The most hands `/api/room` lists (open ones first, oldest first).
pub const MAX_HANDS: usize = 100;
/// The most events `/api/log` lists.
pub const MAX_LOG: usize = 50_000;
/// How long an answered hand stays listed (folded) before it goes.
pub const ANSWERED_SHOWN_MS: i64 = 10 * 60 * 1000;
/// No event for this long: idle, not stuck.
pub const DEFAULT_IDLE_MINUTES: u32 = 5;

pub struct Db {
    conn: Connection,
}

/// Everything the dashboard shows. `course`, `role` and `join_line` are
/// the server's, filled in by it.
#[derive(Debug, Serialize)]
pub struct Room {
    pub course: Vec<CourseExercise>,
    pub role: &'static str,
    pub join_line: String,
    pub learners: Vec<LearnerRow>,
    pub help: Vec<HelpRow>,
    pub announcement: Option<String>,
    pub goto: Option<String>,
    pub stuck_minutes: u32,
    pub stuck_checks: u32,
    pub idle_minutes: u32,
    pub now: i64,
}

/// Whether a learner is at work: `Idle` after `idle_minutes` without an
/// event (never shown as stuck), `Left` after `rustdrill leave`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Presence {
    Active,
    Idle,
    Left,
}

#[derive(Debug, Serialize)]
pub struct LearnerRow {
    pub id: i64,
    pub name: String,
    pub presence: Presence,
    /// Set when the learner's course is not the room's (other tracks,
    /// another version): their row is theirs, the columns stay the room's.
    pub course_note: Option<String>,
    pub language: Option<String>,
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
    /// What the learner typed (`help-me --message`).
    pub note: Option<String>,
    /// 1-based line of the first error in `code`, when the learner's
    /// rustdrill knew it.
    pub error_line: Option<u32>,
    pub claimed_by: Option<String>,
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

/// One line of `classroom export`: a learner and an exercise, or a learner
/// alone (`exercise` empty) when they sent nothing yet.
#[derive(Debug, Serialize)]
pub struct ExportRow {
    pub learner_id: i64,
    pub learner: String,
    pub exercise: String,
    pub solved: bool,
    /// Seconds from first seen to first solved.
    pub time_to_solve_secs: Option<u64>,
    pub checks: u32,
    pub hints: u32,
}

/// The export as CSV: a header, then one line per row; every text field
/// through [`super::text::csv_field`] (no escapes, formulas defused).
pub fn to_csv(rows: &[ExportRow]) -> String {
    let mut out =
        String::from("learner_id,learner,exercise,solved,time_to_solve_secs,checks,hints\n");
    for r in rows {
        out.push_str(&format!(
            "{},{},{},{},{},{},{}\n",
            r.learner_id,
            super::text::csv_field(&r.learner),
            super::text::csv_field(&r.exercise),
            r.solved,
            r.time_to_solve_secs
                .map(|t| t.to_string())
                .unwrap_or_default(),
            r.checks,
            r.hints
        ));
    }
    out
}

/// A join as the server checked it.
pub struct JoinInput<'a> {
    pub name: &'a str,
    /// The token this course folder had here before, if any: the same
    /// learner again (one row, renamed if the name changed).
    pub token: Option<&'a str>,
    pub course_note: Option<&'a str>,
    pub language: Option<&'a str>,
}

#[derive(Debug, PartialEq, Eq)]
pub enum Joined {
    /// A new learner, or one presenting its earlier token (`again`).
    Member {
        learner: i64,
        token: String,
        again: bool,
    },
    /// [`MAX_LEARNERS`] are in the room.
    Full,
}

/// What an instructor or helper does with a raised hand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StaffAction {
    Answer,
    Claim,
}

impl Db {
    pub fn open(path: &Path) -> Result<Db> {
        restrict(path)?;
        let mut conn = Connection::open(path)
            .with_context(|| format!("cannot open the database {}", path.display()))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        // FULL: a commit is on disk before a learner is told it is stored,
        // since the learner then forgets it.
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        migrate(&mut conn)
            .with_context(|| format!("cannot set up the database {}", path.display()))?;
        // The WAL and its index exist now (SQLite gives them the database
        // file's mode; an older database's may predate that).
        restrict(path)?;
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

    /// The join code, the instructor key and the helpers' key, made once
    /// per database; `new_keys` replaces both keys (`serve --new-key`).
    pub fn secrets(&self, new_keys: bool) -> Result<Secrets> {
        if new_keys {
            self.set_meta("instructor_key", Some(&random_hex(16)))?;
            self.set_meta("helper_key", Some(&random_hex(16)))?;
        }
        Ok(Secrets {
            join_code: self.meta_or("join_code", join_code)?,
            instructor_key: self.meta_or("instructor_key", || random_hex(16))?,
            helper_key: self.meta_or("helper_key", || random_hex(16))?,
        })
    }

    pub fn join(&mut self, input: &JoinInput<'_>, now: u64) -> Result<Joined> {
        let now = ms(now);
        let name = clean_name(input.name);
        let course_note = input.course_note.map(|n| clip(n, MAX_NAME * 2));
        let language = input.language.map(|l| clip(l, 16));
        let tx = self.conn.transaction()?;
        let known: Option<i64> = match input.token {
            Some(token) => tx
                .query_row(
                    "SELECT id FROM learners WHERE token = ?1 AND removed_at IS NULL",
                    [token],
                    |r| r.get(0),
                )
                .optional()?,
            None => None,
        };
        let joined = if let (Some(id), Some(token)) = (known, input.token) {
            tx.execute(
                "UPDATE learners SET name = ?2, left_at = NULL, last_seen = ?3, course_note = ?4,
                     language = ?5
                 WHERE id = ?1",
                params![id, name, now, course_note, language],
            )?;
            Joined::Member {
                learner: id,
                token: token.to_owned(),
                again: true,
            }
        } else {
            let count: i64 = tx.query_row(
                "SELECT COUNT(*) FROM learners WHERE removed_at IS NULL",
                [],
                |r| r.get(0),
            )?;
            if usize::try_from(count).unwrap_or(usize::MAX) >= MAX_LEARNERS {
                return Ok(Joined::Full);
            }
            let token = random_hex(32);
            tx.execute(
                "INSERT INTO learners(name, token, joined_at, last_seen, course_note, language)
                 VALUES (?1, ?2, ?3, ?3, ?4, ?5)",
                params![name, token, now, course_note, language],
            )?;
            Joined::Member {
                learner: tx.last_insert_rowid(),
                token,
                again: false,
            }
        };
        tx.commit()?;
        Ok(joined)
    }

    /// Every learner's token, for the server to know them without a query.
    pub fn tokens(&self) -> Result<Vec<(String, i64)>> {
        let mut stmt = self
            .conn
            .prepare("SELECT token, id FROM learners WHERE removed_at IS NULL")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// `rustdrill leave`: the row stays, marked left.
    pub fn leave(&self, learner: i64, now: u64) -> Result<()> {
        self.conn.execute(
            "UPDATE learners SET left_at = ?2, last_seen = ?2 WHERE id = ?1",
            params![learner, ms(now)],
        )?;
        Ok(())
    }

    /// The instructor takes a row off the page; its token stops working.
    /// False when there is no such learner.
    pub fn remove(&self, learner: i64, now: u64) -> Result<bool> {
        Ok(self.conn.execute(
            "UPDATE learners SET removed_at = ?2 WHERE id = ?1 AND removed_at IS NULL",
            params![learner, ms(now)],
        )? > 0)
    }

    pub fn rename(&self, learner: i64, name: &str) -> Result<bool> {
        Ok(self.conn.execute(
            "UPDATE learners SET name = ?2 WHERE id = ?1 AND removed_at IS NULL",
            params![learner, clean_name(name)],
        )? > 0)
    }

    /// Marks the learner seen (a status poll), at most one write per 30 s.
    pub fn seen(&self, learner: i64, now: u64) -> Result<()> {
        self.conn.execute(
            "UPDATE learners SET last_seen = ?2
             WHERE id = ?1 AND (last_seen IS NULL OR last_seen < ?2 - 30000)",
            params![learner, ms(now)],
        )?;
        Ok(())
    }

    /// Stores the events not stored yet and applies them; returns the
    /// number newly stored. The server checked their exercises.
    pub fn add_events(&mut self, learner: i64, events: &[Event], now: u64) -> Result<usize> {
        let now = ms(now);
        let tx = self.conn.transaction()?;
        let mut added = 0;
        for e in events {
            let message = e.message.as_deref().map(|m| clean_text(m, MAX_TEXT));
            let exercise = clip(&e.exercise, MAX_NAME);
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
            apply(&tx, learner, e, exercise, message.as_deref())?;
        }
        if added > 0 {
            tx.execute(
                "UPDATE learners SET last_event = ?2 WHERE id = ?1",
                params![learner, now],
            )?;
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
                "SELECT exercise, answered_at IS NOT NULL, claimed_by FROM help
                 WHERE learner = ?1 AND lowered_at IS NULL ORDER BY id DESC LIMIT 1",
                [learner],
                |r| {
                    Ok(Hand {
                        exercise: r.get(0)?,
                        answered: r.get(1)?,
                        claimed_by: r.get(2)?,
                    })
                },
            )
            .optional()?;
        Ok(Status {
            acked: acked.map_or(0, |a| u64::try_from(a).unwrap_or(0)),
            announcement: self.meta("announcement")?,
            goto: self.meta("goto")?,
            hand,
            resync: false,
        })
    }

    /// Answers a hand, or claims it for `by` (who is on the way). False
    /// when there is no such open hand.
    pub fn staff(&self, help: i64, action: StaffAction, by: &str, now: u64) -> Result<bool> {
        let changed = match action {
            StaffAction::Answer => self.conn.execute(
                "UPDATE help SET answered_at = ?2 WHERE id = ?1 AND answered_at IS NULL",
                params![help, ms(now)],
            )?,
            StaffAction::Claim => self.conn.execute(
                "UPDATE help SET claimed_by = ?2 WHERE id = ?1 AND lowered_at IS NULL",
                params![help, clean_name(by)],
            )?,
        };
        Ok(changed > 0)
    }

    /// The room as the dashboard draws it, with `course`, `role` and
    /// `join_line` left for the server.
    pub fn room(&self, now: u64) -> Result<Room> {
        let now = ms(now);
        let number = |key: &str, default: u32| -> Result<u32> {
            Ok(self
                .meta(key)?
                .and_then(|v| v.parse().ok())
                .unwrap_or(default))
        };
        let idle_minutes = number("idle_minutes", DEFAULT_IDLE_MINUTES)?;
        let idle_after = now - i64::from(idle_minutes) * 60_000;
        let mut learners = Vec::new();
        {
            let mut stmt = self.conn.prepare(
                "SELECT id, name, current, current_since, last_seen, left_at IS NOT NULL,
                        COALESCE(last_event, joined_at), course_note, language
                 FROM learners WHERE removed_at IS NULL ORDER BY id",
            )?;
            let rows = stmt.query_map([], |r| {
                let left: bool = r.get(5)?;
                let last_event: i64 = r.get(6)?;
                Ok(LearnerRow {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    presence: if left {
                        Presence::Left
                    } else if last_event < idle_after {
                        Presence::Idle
                    } else {
                        Presence::Active
                    },
                    course_note: r.get(7)?,
                    language: r.get(8)?,
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
            if let Ok(i) = learners.binary_search_by_key(&learner, |l| l.id) {
                learners[i].exercises.push(progress);
            }
        }
        // Open hands first (oldest first), then the recently answered
        // ones, folded by the page; a bounded list either way.
        let mut help = Vec::new();
        let mut stmt = self.conn.prepare(
            "SELECT h.id, h.learner, l.name, h.exercise, h.code, h.verdict, h.message,
                    h.note, h.error_line, h.claimed_by, h.raised_at, h.answered_at
             FROM help h JOIN learners l ON l.id = h.learner
             WHERE h.lowered_at IS NULL AND l.removed_at IS NULL
                   AND (h.answered_at IS NULL OR h.answered_at >= ?1)
             ORDER BY h.answered_at IS NOT NULL, h.raised_at, h.id
             LIMIT ?2",
        )?;
        let rows = stmt.query_map(
            params![now - ANSWERED_SHOWN_MS, i64::try_from(MAX_HANDS)?],
            |r| {
                Ok(HelpRow {
                    id: r.get(0)?,
                    learner: r.get(1)?,
                    name: r.get(2)?,
                    exercise: r.get(3)?,
                    code: r.get(4)?,
                    verdict: r.get(5)?,
                    message: r.get(6)?,
                    note: r.get(7)?,
                    error_line: r.get(8)?,
                    claimed_by: r.get(9)?,
                    raised_at: r.get(10)?,
                    answered_at: r.get(11)?,
                })
            },
        )?;
        for row in rows {
            help.push(row?);
        }
        Ok(Room {
            course: Vec::new(),
            role: "instructor",
            join_line: String::new(),
            learners,
            help,
            announcement: self.meta("announcement")?,
            goto: self.meta("goto")?,
            stuck_minutes: number("stuck_minutes", 10)?,
            stuck_checks: number("stuck_checks", 8)?,
            idle_minutes,
            now,
        })
    }

    /// Stored events, per learner in seq order (no code: hands are in the
    /// help queue); the first [`MAX_LOG`].
    pub fn log(&self) -> Result<Vec<LogRow>> {
        let mut stmt = self.conn.prepare(
            "SELECT learner, seq, kind, exercise, verdict, checks, hints, at, received_at
             FROM events ORDER BY learner, seq LIMIT ?1",
        )?;
        let rows = stmt.query_map([i64::try_from(MAX_LOG)?], |r| {
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

    /// Every learner who joined (removed ones too: the record is the
    /// instructor's), one row per exercise they touched, or one empty row.
    pub fn export(&self) -> Result<Vec<ExportRow>> {
        let mut stmt = self.conn.prepare(
            "SELECT l.id, l.name, p.exercise, p.solved_at IS NOT NULL, p.first_at, p.solved_at,
                    p.checks, p.hints
             FROM learners l LEFT JOIN progress p ON l.id = p.learner
             ORDER BY l.id, p.rowid",
        )?;
        let rows = stmt.query_map([], |r| {
            let first: Option<i64> = r.get(4)?;
            let solved: Option<i64> = r.get(5)?;
            Ok(ExportRow {
                learner_id: r.get(0)?,
                learner: r.get(1)?,
                exercise: r.get::<_, Option<String>>(2)?.unwrap_or_default(),
                solved: r.get::<_, Option<bool>>(3)?.unwrap_or(false),
                time_to_solve_secs: first
                    .zip(solved)
                    .map(|(f, s)| u64::try_from(s.saturating_sub(f) / 1000).unwrap_or(0)),
                checks: r.get::<_, Option<u32>>(6)?.unwrap_or(0),
                hints: r.get::<_, Option<u32>>(7)?.unwrap_or(0),
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

/// The join code and the two keys of a room.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Secrets {
    pub join_code: String,
    pub instructor_key: String,
    pub helper_key: String,
}

/// Brings the schema to the newest version (see [`MIGRATIONS`]).
fn migrate(conn: &mut Connection) -> Result<()> {
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    let version = usize::try_from(version).unwrap_or(usize::MAX);
    if version > MIGRATIONS.len() {
        anyhow::bail!(
            "it was made by a newer rustdrill (schema {version}, this one knows {}): \
             use that rustdrill, or another --db",
            MIGRATIONS.len()
        );
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(version) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)
            .with_context(|| format!("schema upgrade to version {}", i + 1))?;
        tx.pragma_update(None, "user_version", i64::try_from(i + 1)?)?;
        tx.commit()?;
    }
    Ok(())
}

/// The database and its WAL and index readable by their owner only: they
/// hold the keys and every learner's token. A new database is created so.
fn restrict(path: &Path) -> Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(path)
        {
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => {
                return Err(e).with_context(|| format!("cannot create {}", path.display()));
            }
        }
        for suffix in ["", "-wal", "-shm"] {
            let mut p = path.as_os_str().to_owned();
            p.push(suffix);
            let p = std::path::PathBuf::from(p);
            if p.exists() {
                std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o600))
                    .with_context(|| format!("cannot make {} private", p.display()))?;
            }
        }
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
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
            let note = e.note.as_deref().map(|n| clean_text(n, MAX_TEXT));
            let note = note.filter(|n| !n.is_empty());
            // Someone on the way to this learner's open hand on the same
            // exercise is still on the way to the hand raised again.
            let claimed: Option<String> = tx
                .query_row(
                    "SELECT claimed_by FROM help
                     WHERE learner = ?1 AND exercise = ?2 AND lowered_at IS NULL
                           AND answered_at IS NULL
                     ORDER BY id DESC LIMIT 1",
                    params![learner, exercise],
                    |r| r.get(0),
                )
                .optional()?
                .flatten();
            // One open hand per learner: a new one replaces the old.
            tx.execute(
                "UPDATE help SET lowered_at = ?2 WHERE learner = ?1 AND lowered_at IS NULL",
                params![learner, ms(e.at)],
            )?;
            tx.execute(
                "INSERT INTO help(learner, exercise, code, verdict, message, note, error_line,
                     raised_at, claimed_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![
                    learner,
                    exercise,
                    code,
                    e.verdict.as_deref().map(|v| clip(v, 40)),
                    message,
                    note,
                    e.error_line.filter(|l| *l > 0),
                    ms(e.at),
                    claimed
                ],
            )?;
        }
    }
    let current = e.current.as_deref().map(|c| clip(c, MAX_NAME)).or(
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

/// A learner's name as the room shows it: one line of text, nothing that
/// moves the cursor, rings, or turns the text right to left.
pub fn clean_name(name: &str) -> String {
    let cleaned = super::text::one_line(name);
    let name = clip(cleaned.trim(), MAX_NAME).trim_end();
    if name.is_empty() {
        "anonymous".to_owned()
    } else {
        name.to_owned()
    }
}

/// A learner's message or note: control and direction-override characters
/// gone (line breaks kept), at most `max` bytes.
fn clean_text(text: &str, max: usize) -> String {
    clip(&super::text::plain(text), max).to_owned()
}

/// Six characters nobody misreads on a projector: no 0/O, 1/I/L; typed in
/// any case (the server compares them upper-cased).
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
            note: None,
            error_line: None,
        }
    }

    fn join(db: &mut Db, name: &str, token: Option<&str>) -> (i64, String, bool) {
        let input = JoinInput {
            name,
            token,
            course_note: None,
            language: None,
        };
        match db.join(&input, 0).unwrap() {
            Joined::Member {
                learner,
                token,
                again,
            } => (learner, token, again),
            Joined::Full => panic!("full"),
        }
    }

    #[test]
    fn a_repeated_event_is_stored_once_and_survives_a_reopen() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("room.sqlite3");
        let mut db = Db::open(&path).unwrap();
        let (ada, _, _) = join(&mut db, "Ada", None);
        let (bob, _, _) = join(&mut db, "Bob", None);
        assert_eq!((ada, bob), (1, 2), "the learners' own ids");
        let batch = [
            event(1, EventKind::Check, "intro1", Some("compile_error")),
            event(2, EventKind::Check, "intro1", Some("pass")),
        ];
        assert_eq!(db.add_events(ada, &batch, 5).unwrap(), 2);
        assert_eq!(db.add_events(ada, &batch, 6).unwrap(), 0, "a repeat");
        let secrets = db.secrets(false).unwrap();
        drop(db);
        let db = Db::open(&path).unwrap();
        assert_eq!(db.secrets(false).unwrap(), secrets, "same code and keys");
        assert_ne!(secrets.instructor_key, secrets.helper_key);
        assert_eq!(db.status(ada).unwrap().acked, 2);
        assert_eq!(db.log().unwrap().len(), 2);
        let rows = db.export().unwrap();
        assert_eq!(rows.len(), 2, "Bob, with no events, is exported too");
        assert!(rows[0].solved);
        assert_eq!(rows[0].time_to_solve_secs, Some(1));
        assert_eq!(rows[0].checks, 2);
        assert_eq!((rows[1].learner_id, rows[1].exercise.as_str()), (bob, ""));
        let rotated = db.secrets(true).unwrap();
        assert_eq!(rotated.join_code, secrets.join_code);
        assert_ne!(rotated.instructor_key, secrets.instructor_key);
    }

    #[test]
    fn joining_again_with_the_token_keeps_the_row_and_renames_it() {
        let dir = tempfile::tempdir().unwrap();
        let mut db = Db::open(&dir.path().join("room.sqlite3")).unwrap();
        let (ada, token, again) = join(&mut db, "Ada Lovelace", None);
        assert!(!again);
        db.leave(ada, 10).unwrap();
        assert_eq!(db.room(20).unwrap().learners[0].presence, Presence::Left);
        let (same, same_token, again) = join(&mut db, "Ada L.", Some(&token));
        assert_eq!(
            (same, same_token.as_str(), again),
            (ada, token.as_str(), true)
        );
        let room = db.room(20).unwrap();
        assert_eq!(room.learners.len(), 1);
        assert_eq!(room.learners[0].name, "Ada L.");
        assert_eq!(room.learners[0].presence, Presence::Active);
        // A token the room does not know is a new learner, not an error.
        let (other, _, again) = join(&mut db, "Eve", Some("nope"));
        assert!(other != ada && !again);
        // Removed: off the page, and the token starts a new row.
        assert!(db.remove(ada, 30).unwrap());
        assert!(db.room(40).unwrap().learners.iter().all(|l| l.id != ada));
        let (fresh, _, again) = join(&mut db, "Ada", Some(&token));
        assert!(fresh != ada && !again);
        assert!(db.rename(fresh, "\u{202E}Ada\u{1b}[31m").unwrap());
        let room = db.room(40).unwrap();
        let row = room.learners.iter().find(|l| l.id == fresh).unwrap();
        assert_eq!(row.name, "Ada[31m");
    }

    #[test]
    fn the_learners_language_is_stored_at_join_and_follows_a_rejoin() {
        let dir = tempfile::tempdir().unwrap();
        let mut db = Db::open(&dir.path().join("room.sqlite3")).unwrap();
        let joined = |db: &mut Db, token: Option<&str>, language: Option<&str>| {
            let input = JoinInput {
                name: "Ada",
                token,
                course_note: None,
                language,
            };
            match db.join(&input, 0).unwrap() {
                Joined::Member { learner, token, .. } => (learner, token),
                Joined::Full => panic!("full"),
            }
        };
        let language = |db: &Db, id: i64| {
            let room = db.room(10).unwrap();
            room.learners
                .iter()
                .find(|l| l.id == id)
                .unwrap()
                .language
                .clone()
        };
        let (ada, token) = joined(&mut db, None, Some("ko"));
        assert_eq!(language(&db, ada).as_deref(), Some("ko"));
        // `rustdrill lang ja`, then joining again: the same row, in Japanese.
        let (same, _) = joined(&mut db, Some(&token), Some("ja"));
        assert_eq!(same, ada);
        assert_eq!(language(&db, ada).as_deref(), Some("ja"));
        // An old rustdrill sends none: unknown, not English.
        let (old, _) = joined(&mut db, None, None);
        assert_eq!(language(&db, old), None);
        // Whatever a client sends is kept short.
        let (long, _) = joined(&mut db, None, Some(&"x".repeat(100)));
        assert_eq!(language(&db, long).map(|l| l.chars().count()), Some(16));
    }

    #[test]
    fn no_event_for_idle_minutes_is_idle() {
        let dir = tempfile::tempdir().unwrap();
        let mut db = Db::open(&dir.path().join("room.sqlite3")).unwrap();
        let (ada, _, _) = join(&mut db, "Ada", None);
        let minute = 60_000;
        db.add_events(ada, &[event(1, EventKind::Check, "intro1", None)], minute)
            .unwrap();
        assert_eq!(
            db.room(5 * minute).unwrap().learners[0].presence,
            Presence::Active
        );
        // A status poll is a sign of life, not of work.
        db.seen(ada, 6 * minute + 1).unwrap();
        let room = db.room(6 * minute + 1).unwrap();
        assert_eq!(room.learners[0].presence, Presence::Idle);
        assert_eq!(room.learners[0].last_seen, Some(6 * 60_000 + 1));
        assert_eq!(room.idle_minutes, DEFAULT_IDLE_MINUTES);
    }

    #[test]
    fn solving_lowers_a_raised_hand() {
        let dir = tempfile::tempdir().unwrap();
        let mut db = Db::open(&dir.path().join("room.sqlite3")).unwrap();
        let (ada, _, _) = join(&mut db, "Ada", None);
        let mut help = event(1, EventKind::Help, "intro1", None);
        help.note = Some("why\u{202E} this?".into());
        help.error_line = Some(3);
        db.add_events(ada, &[help], 1).unwrap();
        let hand = db.status(ada).unwrap().hand.unwrap();
        assert_eq!((hand.exercise.as_str(), hand.answered), ("intro1", false));
        let row = &db.room(0).unwrap().help[0];
        assert_eq!(row.note.as_deref(), Some("why this?"));
        assert_eq!(row.error_line, Some(3));
        let id = row.id;
        assert!(db.staff(id, StaffAction::Claim, "Grace", 2).unwrap());
        assert_eq!(
            db.status(ada).unwrap().hand.unwrap().claimed_by.as_deref(),
            Some("Grace")
        );
        assert!(db.staff(id, StaffAction::Answer, "", 2).unwrap());
        assert!(db.status(ada).unwrap().hand.unwrap().answered);
        // Answered hands stay listed (folded) for a while, after the open ones.
        assert_eq!(db.room(3).unwrap().help.len(), 1);
        let later = u64::try_from(ANSWERED_SHOWN_MS).unwrap() + 10;
        assert!(db.room(later).unwrap().help.is_empty());
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
    fn a_database_of_the_first_schema_opens_with_its_data_intact() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("room.sqlite3");
        {
            // The classroom as it shipped before schema versions: its own
            // CREATE statements, a learner, an event, a hand, a layout.
            let conn = Connection::open(&path).unwrap();
            conn.execute_batch(SCHEMA_1).unwrap();
            conn.execute_batch(
                "INSERT INTO meta VALUES ('join_code', 'K7M2QX'), ('instructor_key', 'k1'),
                     ('course', '[{\"name\":\"x\",\"chapter\":\"y\"}]');
                 INSERT INTO learners(id, name, token, joined_at, current, current_since, last_seen)
                     VALUES (1, 'Ada', 'tok', 5, 'intro1', 6, 7);
                 INSERT INTO events VALUES (1, 1, 'check', 'intro1', 'pass', NULL, 1, 0, 6, 7);
                 INSERT INTO progress VALUES (1, 'intro1', 'done', 1, 0, 6, 6, NULL);
                 INSERT INTO help(learner, exercise, code, raised_at)
                     VALUES (1, 'intro2', 'fn main() {}', 8);",
            )
            .unwrap();
            let version: i64 = conn
                .pragma_query_value(None, "user_version", |r| r.get(0))
                .unwrap();
            assert_eq!(version, 0);
        }
        let mut db = Db::open(&path).unwrap();
        let secrets = db.secrets(false).unwrap();
        assert_eq!(
            (secrets.join_code.as_str(), secrets.instructor_key.as_str()),
            ("K7M2QX", "k1")
        );
        let room = db.room(8).unwrap();
        assert_eq!(room.learners.len(), 1);
        let ada = &room.learners[0];
        assert_eq!(
            (ada.name.as_str(), ada.current.as_deref()),
            ("Ada", Some("intro1"))
        );
        assert_eq!(ada.exercises[0].status, "done");
        assert_eq!(room.help[0].code, "fn main() {}");
        assert_eq!(db.status(1).unwrap().acked, 1);
        assert_eq!(db.meta("course").unwrap(), None, "the old layout is gone");
        // The old token still works, and joining again keeps the row.
        let (id, _, again) = join(&mut db, "Ada", Some("tok"));
        assert_eq!((id, again), (1, true));
        drop(db);
        // Upgraded once: opening again is a no-op.
        let conn = Connection::open(&path).unwrap();
        let version: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(version, i64::try_from(MIGRATIONS.len()).unwrap());
        drop(conn);
        Db::open(&path).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn the_database_and_its_wal_are_private() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("room.sqlite3");
        let mut db = Db::open(&path).unwrap();
        join(&mut db, "Ada", None);
        for suffix in ["", "-wal", "-shm"] {
            let p = dir.path().join(format!("room.sqlite3{suffix}"));
            let mode = std::fs::metadata(&p).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600, "{}", p.display());
        }
    }

    #[test]
    fn clip_cuts_at_a_character_boundary() {
        assert_eq!(clip("héllo", 2), "h");
        assert_eq!(clip("abc", 10), "abc");
    }
}
