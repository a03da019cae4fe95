// wrong: undoes the credit with a second UPDATE when the debit fails: the credit was committed meanwhile (the audit trigger saw both)
// sqlx3 — all or nothing: transactions.
//
// Run on the pool, each statement is committed on its own the moment it
// succeeds. A money transfer is two UPDATEs, and if the second one fails
// the first must not stay. `pool.begin().await?` checks out a connection
// and starts a transaction (a `Transaction<'static, Sqlite>`: it owns that
// connection until it ends); statements run on it with `.execute(&mut *tx)`;
// `tx.commit().await` makes them permanent. A transaction dropped without
// `commit` — say, because `?` returned early — is rolled back: no other
// connection, trigger or log ever saw its writes, and the error path needs
// no code of its own. (Undoing a write with another UPDATE is not the same:
// the first write did happen, and everything watching saw it.)
//
// roadmap.md §9.1

use databases_chapter::memory_pool_with;
use sqlx::SqlitePool;

const SCHEMA: &str = "
    CREATE TABLE accounts (
        name TEXT PRIMARY KEY,
        balance INTEGER NOT NULL CHECK (balance >= 0)
    );
    INSERT INTO accounts (name, balance) VALUES ('alice', 100), ('bob', 20);";

/// Moves `amount` from `from` to `to`. On any error nothing has changed.
async fn transfer(pool: &SqlitePool, from: &str, to: &str, amount: i64) -> Result<(), sqlx::Error> {
    let credit = sqlx::query("UPDATE accounts SET balance = balance + ? WHERE name = ?")
        .bind(amount)
        .bind(to)
        .execute(pool)
        .await?;
    let debit = sqlx::query("UPDATE accounts SET balance = balance - ? WHERE name = ?")
        .bind(amount)
        .bind(from)
        .execute(pool)
        .await;
    let debited = matches!(&debit, Ok(done) if done.rows_affected() == 1);
    if credit.rows_affected() != 1 || !debited {
        // Put back what already happened.
        if credit.rows_affected() == 1 {
            sqlx::query("UPDATE accounts SET balance = balance - ? WHERE name = ?")
                .bind(amount)
                .bind(to)
                .execute(pool)
                .await?;
        }
        if debited {
            sqlx::query("UPDATE accounts SET balance = balance + ? WHERE name = ?")
                .bind(amount)
                .bind(from)
                .execute(pool)
                .await?;
        }
        debit?;
        return Err(sqlx::Error::RowNotFound);
    }
    Ok(())
}

/// The balances of alice and bob, in that order.
async fn balances(pool: &SqlitePool) -> Vec<i64> {
    sqlx::query_scalar("SELECT balance FROM accounts ORDER BY name")
        .fetch_all(pool)
        .await
        .expect("reading the balances")
}

#[tokio::main]
async fn main() {
    let pool = memory_pool_with(SCHEMA).await;
    let transfers = [
        ("alice", "bob", 30),
        ("bob", "alice", 500),
        ("bob", "carol", 5),
    ];
    for (from, to, amount) in transfers {
        let outcome = transfer(&pool, from, to, amount).await;
        let now = balances(&pool).await;
        println!("{from} -> {to} {amount}: {outcome:?}; alice and bob have {now:?}");
    }
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_transfer_is_committed() {
        let pool = memory_pool_with(SCHEMA).await;
        let outcome = transfer(&pool, "alice", "bob", 30).await;
        assert!(outcome.is_ok(), "alice has enough: {outcome:?}");
        assert_eq!(balances(&pool).await, [70, 50]);
    }

    #[tokio::test]
    async fn an_overdraft_changes_nothing() {
        let pool = memory_pool_with(SCHEMA).await;
        let outcome = transfer(&pool, "bob", "alice", 50).await;
        assert!(outcome.is_err(), "bob has only 20: the CHECK refuses it");
        assert_eq!(balances(&pool).await, [100, 20], "half a transfer stayed");
    }

    #[tokio::test]
    async fn an_unknown_account_changes_nothing() {
        let pool = memory_pool_with(SCHEMA).await;
        assert!(transfer(&pool, "alice", "carol", 10).await.is_err());
        assert_eq!(balances(&pool).await, [100, 20], "half a transfer stayed");
    }

    /// A trigger records every change of a balance, as an audit log would.
    const AUDIT: &str = "
        CREATE TABLE audit (name TEXT NOT NULL, balance INTEGER NOT NULL);
        CREATE TRIGGER audit_balance AFTER UPDATE ON accounts
        BEGIN INSERT INTO audit VALUES (new.name, new.balance); END;";

    async fn audit_log(pool: &SqlitePool) -> Vec<(String, i64)> {
        sqlx::query_as("SELECT name, balance FROM audit ORDER BY rowid")
            .fetch_all(pool)
            .await
            .expect("reading the audit log")
    }

    #[tokio::test]
    async fn a_failed_transfer_leaves_no_trace() {
        let pool = memory_pool_with(SCHEMA).await;
        sqlx::raw_sql(AUDIT).execute(&pool).await.unwrap();
        assert!(transfer(&pool, "bob", "alice", 50).await.is_err());
        assert!(transfer(&pool, "alice", "carol", 10).await.is_err());
        let log = audit_log(&pool).await;
        let why = "a write undone by another write still happened: roll it back instead";
        assert!(
            log.is_empty(),
            "failed transfers changed balances: {log:?}; {why}"
        );
        transfer(&pool, "alice", "bob", 30).await.unwrap();
        let mut log = audit_log(&pool).await;
        log.sort();
        assert_eq!(log, [("alice".into(), 70), ("bob".into(), 50)]);
    }
}
