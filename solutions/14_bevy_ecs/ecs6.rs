// ecs6 — system order: `.chain()`, `.before()` and `.after()`.
//
// Systems added together have no order: Bevy may run them in any order
// (and, with its multi-threaded executor, at the same time when their data
// does not overlap). When two systems touch the same data and the order
// matters, say so: `(a, b).chain()` runs `a` then `b`; `a.before(b)` and
// `b.after(a)` say the same for one pair.
//
// This chapter's `strict_schedule()` turns an unordered pair that touches
// the same data (an "ambiguity") into an error; plain Bevy only ignores it
// and you find out from a bug. (`a.ambiguous_with(b)` says "either order is
// fine": it silences the error and orders nothing.) roadmap.md §10

use bevy_ecs::prelude::*;
use bevy_ecs_chapter::strict_schedule;

const ARENA_WIDTH: i32 = 100;

#[derive(Component, Debug)]
struct Position(i32);

#[derive(Component)]
struct Velocity(i32);

fn apply_velocity(mut query: Query<(&mut Position, &Velocity)>) {
    for (mut position, velocity) in &mut query {
        position.0 += velocity.0;
    }
}

fn clamp_to_arena(mut query: Query<&mut Position>) {
    for mut position in &mut query {
        position.0 = position.0.clamp(0, ARENA_WIDTH);
    }
}

/// One frame: move everything, then keep it inside the arena.
fn frame() -> Schedule {
    let mut schedule = strict_schedule();
    schedule.add_systems((apply_velocity, clamp_to_arena).chain());
    schedule
}

fn main() {
    let mut world = World::new();
    let ship = world.spawn((Position(80), Velocity(15))).id();
    let mut schedule = frame();
    for _ in 0..3 {
        schedule.run(&mut world);
        println!("ship at {:?}", world.get::<Position>(ship));
    }
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_ends_a_frame_outside_the_arena() {
        let mut world = World::new();
        let right = world.spawn((Position(95), Velocity(10))).id();
        let left = world.spawn((Position(3), Velocity(-5))).id();
        let still = world.spawn((Position(50), Velocity(0))).id();
        let mut schedule = frame();
        schedule.run(&mut world);
        let at = |e| world.get::<Position>(e).unwrap().0;
        assert_eq!(at(right), ARENA_WIDTH, "moved to 105, clamped after");
        assert_eq!(at(left), 0, "moved to -2, clamped after");
        assert_eq!(at(still), 50);
    }

    fn between() {}

    #[test]
    fn the_schedule_itself_orders_the_two() {
        // Ask for the opposite order: clamp, then `between`, then move. A
        // schedule that already says "move, then clamp" refuses it (a cycle);
        // one that leaves the order open accepts it, and clamps too early.
        let mut world = World::new();
        let mut schedule = frame();
        schedule.add_systems(between.after(clamp_to_arena).before(apply_velocity));
        assert!(
            schedule.initialize(&mut world).is_err(),
            "nothing makes `apply_velocity` run before `clamp_to_arena`: whatever order \
             the first test saw, Bevy is free to pick the other one"
        );
    }
}
