//! Set-up shared by the exercises of the bevy_ecs chapter.
//!
//! A Bevy game normally gets these from `bevy_app`'s `App`; this chapter uses
//! `bevy_ecs` alone, so the two pieces an `App` would add live here.

use bevy_ecs::message::message_update_system;
use bevy_ecs::prelude::*;
use bevy_ecs::schedule::{LogLevel, ScheduleBuildSettings};

/// An empty `Schedule` that refuses to run when two of its systems touch the
/// same data and nothing says which runs first. Bevy's default only ignores
/// such an "ambiguity"; here it is an error, so an order that merely happens
/// to work is caught (`ecs6`).
pub fn strict_schedule() -> Schedule {
    let mut schedule = Schedule::default();
    schedule.set_build_settings(ScheduleBuildSettings {
        ambiguity_detection: LogLevel::Error,
        ..Default::default()
    });
    schedule
}

/// One frame: runs every system of `schedule` once, then ages the message
/// queues the way `App::update` does (a message lives for two frames, so a
/// reader that runs before its writer still sees it on the next frame).
pub fn step(world: &mut World, schedule: &mut Schedule) {
    schedule.run(world);
    world
        .run_system_cached(message_update_system)
        .expect("the message update system runs");
}
