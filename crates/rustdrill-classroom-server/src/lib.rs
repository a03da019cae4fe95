//! The instructor's half of the classroom: `rustdrill classroom serve`.
//! An Axum server (`server`) over a SQLite database (`db`, run on a thread
//! of its own by `worker`) that learners' rustdrill reports to, and the
//! dashboard page it serves (`dashboard`). `layout` is the room's course
//! (the instructor's, never a learner's), `guard` the join rate limit and
//! the back-off after wrong keys, codes and tokens, `text` what learner
//! text may contain. The wire types are the learner's crate's,
//! `rustdrill-classroom`.

pub mod dashboard;
pub mod db;
pub mod guard;
pub mod layout;
pub mod server;
pub mod text;
pub mod worker;

// The wire types, named as the modules above use them.
use rustdrill_classroom::{
    CourseExercise, Event, EventKind, EventsRequest, Hand, JoinRequest, JoinResponse, MAX_CODE,
    Refused, Status, clip, now_ms, random_hex,
};

pub use server::serve;
