// wrong: finds only the first dead entity and despawns it; any other dead one stays
// ecs2 — despawning: an entity id can outlive its entity.
//
// `World::despawn(entity)` removes the entity and all its components. The
// `Entity` value you still hold is then stale: `get` returns `None` and
// `get_entity` an error. Bevy may reuse the slot for a later entity, but
// with a new *generation*, so an old id never points at the newcomer.
//
// To find what to remove you iterate a query, `world.query::<(Entity, &T)>()`.
// Iterating borrows the world, so you cannot despawn inside that loop:
// collect the ids first, then despawn them. (Inside systems, `Commands` does
// this for you — `ecs7`.) roadmap.md §10

use bevy_ecs::prelude::*;

#[derive(Component, Debug)]
struct Health(u32);

/// Despawns every entity whose health reached 0 and returns how many went.
fn remove_dead(world: &mut World) -> usize {
    let mut query = world.query::<(Entity, &Health)>();
    let dead = query
        .iter(world)
        .find(|(_, health)| health.0 == 0)
        .map(|(entity, _)| entity);
    match dead {
        Some(entity) => {
            world.despawn(entity);
            1
        }
        None => 0,
    }
}

fn main() {
    let mut world = World::new();
    for hp in [10, 0, 3, 0] {
        world.spawn(Health(hp));
    }
    let removed = remove_dead(&mut world);
    let left = world.query::<&Health>().iter(&world).count();
    println!("removed {removed} dead entities, {left} still alive");
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_dead_go() {
        let mut world = World::new();
        let alive = world.spawn(Health(5)).id();
        let dead = world.spawn(Health(0)).id();
        let also_dead = world.spawn(Health(0)).id();
        assert_eq!(remove_dead(&mut world), 2);
        assert!(world.get_entity(dead).is_err(), "the dead entity is gone");
        assert!(
            world.get_entity(also_dead).is_err(),
            "every dead entity goes"
        );
        assert_eq!(world.get::<Health>(alive).map(|h| h.0), Some(5));
    }

    #[test]
    fn a_stale_id_does_not_see_a_new_entity() {
        let mut world = World::new();
        let dead = world.spawn(Health(0)).id();
        remove_dead(&mut world);
        let newcomer = world.spawn(Health(7)).id();
        assert_ne!(dead, newcomer);
        assert!(world.get::<Health>(dead).is_none());
    }

    #[test]
    fn nothing_to_remove() {
        let mut world = World::new();
        world.spawn(Health(1));
        assert_eq!(remove_dead(&mut world), 0);
        assert_eq!(world.query::<&Health>().iter(&world).count(), 1);
    }
}
