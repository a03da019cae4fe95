// ecs1 — entities and components: data lives in a `World`, not in objects.
//
// In an ECS, an *entity* is only an id (`Entity`). What a thing *is* comes
// from the *components* attached to it: plain Rust types such as `Position`
// or `Health`. `World::spawn` creates an entity from a tuple of components
// (a "bundle") and returns it; `World::get::<T>(entity)` reads one back.
// A type becomes a component with `#[derive(Component)]`: that tells Bevy
// how to store it (here in a table, one column per component type).
// An inheritance tree of `Player: Character: GameObject` is replaced by
// "which components does this entity have". roadmap.md §10

use bevy_ecs::prelude::*;

#[derive(Component, Debug, PartialEq)]
struct Position {
    x: i32,
    y: i32,
}

#[derive(Component, Debug, PartialEq)]
struct Health(u32);

/// Spawns a player at the origin with full health and returns its id.
fn spawn_player(world: &mut World) -> Entity {
    world.spawn((Position { x: 0, y: 0 }, Health(100))).id()
}

/// Spawns a rock: it has a position, but no health.
fn spawn_rock(world: &mut World, x: i32, y: i32) -> Entity {
    world.spawn(Position { x, y }).id()
}

fn main() {
    let mut world = World::new();
    let player = spawn_player(&mut world);
    let rock = spawn_rock(&mut world, 3, 4);
    println!("player {player}: {:?}", world.get::<Health>(player));
    println!("rock {rock}: {:?}", world.get::<Position>(rock));
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_player_has_both_components() {
        let mut world = World::new();
        let player = spawn_player(&mut world);
        assert_eq!(
            world.get::<Position>(player),
            Some(&Position { x: 0, y: 0 })
        );
        assert_eq!(world.get::<Health>(player), Some(&Health(100)));
    }

    #[test]
    fn every_player_has_a_health_of_its_own() {
        let mut world = World::new();
        let first = spawn_player(&mut world);
        let second = spawn_player(&mut world);
        assert_eq!(world.get::<Health>(first), Some(&Health(100)));
        assert_eq!(
            world.get::<Health>(second),
            Some(&Health(100)),
            "the second player has no health: a resource exists once per world"
        );
    }

    #[test]
    fn a_rock_has_no_health() {
        let mut world = World::new();
        let rock = spawn_rock(&mut world, 3, 4);
        assert_eq!(world.get::<Position>(rock), Some(&Position { x: 3, y: 4 }));
        assert_eq!(world.get::<Health>(rock), None);
    }

    #[test]
    fn every_spawn_is_a_new_entity() {
        let mut world = World::new();
        let first = spawn_rock(&mut world, 1, 1);
        let second = spawn_rock(&mut world, 1, 1);
        assert_ne!(first, second, "equal components, still two entities");
        assert_eq!(world.query::<&Position>().iter(&world).count(), 2);
    }
}
