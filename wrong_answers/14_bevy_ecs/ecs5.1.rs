// wrong: `Added<Health>` sees only new components, not a health that was written later
// ecs5 — change detection: `Changed<T>` sees only what was modified.
//
// Bevy remembers, per component value, the last "tick" at which it was
// written through a mutable reference, and each system remembers when it
// last ran. The filter `Changed<T>` keeps only the entities whose `T` was
// written since this system's previous run (a newly added `T` counts as
// changed). A health bar then redraws only the bars that moved instead of
// every bar on every frame.
//
// Careful: writing through `Mut<T>` marks the value changed even when the
// new value equals the old one. roadmap.md §10

use bevy_ecs::prelude::*;
use bevy_ecs_chapter::strict_schedule;

#[derive(Component, Debug)]
struct Health(u32);

/// The health bars redrawn so far, one `(entity, health)` per redraw.
#[derive(Resource, Default)]
struct Redrawn(Vec<(Entity, u32)>);

/// Redraws the health bar of each entity whose health changed.
fn redraw_health_bars(query: Query<(Entity, &Health), Added<Health>>, mut log: ResMut<Redrawn>) {
    for (entity, health) in &query {
        log.0.push((entity, health.0));
    }
}

fn main() {
    let mut world = World::new();
    world.init_resource::<Redrawn>();
    let hero = world.spawn(Health(100)).id();
    world.spawn(Health(80));
    let mut schedule = strict_schedule();
    schedule.add_systems(redraw_health_bars);
    schedule.run(&mut world); // both bars are new
    world.get_mut::<Health>(hero).unwrap().0 = 90;
    schedule.run(&mut world); // only the hero's bar moved
    schedule.run(&mut world); // nothing moved
    println!("redraws: {:?}", world.resource::<Redrawn>().0);
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_changed_bars_are_redrawn() {
        let mut world = World::new();
        world.init_resource::<Redrawn>();
        let hero = world.spawn(Health(100)).id();
        let goblin = world.spawn(Health(30)).id();
        let mut schedule = strict_schedule();
        schedule.add_systems(redraw_health_bars);

        schedule.run(&mut world);
        let first = world.resource::<Redrawn>().0.len();
        assert_eq!(first, 2, "on the first frame every bar is new");

        world.get_mut::<Health>(goblin).unwrap().0 = 25;
        schedule.run(&mut world);
        schedule.run(&mut world);
        let later = &world.resource::<Redrawn>().0[first..];
        assert_eq!(
            later,
            [(goblin, 25)],
            "after the first frame only the goblin's health changed, once"
        );
        assert_eq!(world.get::<Health>(hero).unwrap().0, 100);
    }
}
