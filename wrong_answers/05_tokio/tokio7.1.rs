// wrong: `answer.try_recv()` right after sending: the bank task has not answered yet, so the balance reads as 0
// tokio7 — oneshot: ask a task a question and await its answer.
//
// A common way to share state in async Rust is to not share it: one task
// owns the data and everyone else sends it commands over an mpsc channel
// (the "actor" pattern). No lock, and commands apply in the order they
// arrive. To get an answer back, a command carries the sending half of a
// `tokio::sync::oneshot` channel: a channel for exactly one value. The asker
// keeps the receiving half and awaits it; if the actor drops the Sender
// without replying, the await gives `Err(RecvError)`. (roadmap.md §3)

use std::collections::HashMap;

use tokio::sync::{mpsc, oneshot};

enum Command {
    Deposit {
        account: String,
        amount: u64,
        reply: oneshot::Sender<u64>,
    },
    Balance {
        account: String,
        reply: oneshot::Sender<u64>,
    },
}

/// The bank task: the only owner of the balances.
async fn bank(mut commands: mpsc::Receiver<Command>) {
    let mut balances: HashMap<String, u64> = HashMap::new();
    while let Some(command) = commands.recv().await {
        match command {
            Command::Deposit {
                account,
                amount,
                reply,
            } => {
                let balance = balances.entry(account).or_default();
                *balance += amount;
                // The asker may have stopped waiting: that is not our problem.
                let _ = reply.send(*balance);
            }
            Command::Balance { account, reply } => {
                let _ = reply.send(balances.get(&account).copied().unwrap_or(0));
            }
        }
    }
}

/// A cheap, cloneable way to talk to the bank task.
#[derive(Clone)]
struct Bank {
    commands: mpsc::Sender<Command>,
}

impl Bank {
    fn start() -> Self {
        let (commands, receiver) = mpsc::channel(32);
        tokio::spawn(bank(receiver));
        Self { commands }
    }

    /// Adds `amount` and returns the new balance.
    async fn deposit(&self, account: &str, amount: u64) -> u64 {
        let (reply, answer) = oneshot::channel();
        let command = Command::Deposit {
            account: account.to_string(),
            amount,
            reply,
        };
        self.commands
            .send(command)
            .await
            .expect("the bank task stopped");
        answer.await.expect("the bank task dropped the reply")
    }

    /// The current balance (0 for an account never seen).
    async fn balance(&self, account: &str) -> u64 {
        let (reply, answer) = oneshot::channel();
        let command = Command::Balance {
            account: account.to_string(),
            reply,
        };
        self.commands
            .send(command)
            .await
            .expect("the bank task stopped");
        let mut answer = answer;
        answer.try_recv().unwrap_or(0)
    }
}


#[tokio::main]
async fn main() {
    let bank = Bank::start();
    let tellers: Vec<_> = (1..=3)
        .map(|teller| {
            let bank = bank.clone();
            tokio::spawn(async move { bank.deposit("ferris", teller * 10).await })
        })
        .collect();
    for teller in tellers {
        teller.await.expect("a teller panicked");
    }
    println!("ferris has {}", bank.balance("ferris").await);
    println!("nobody has {}", bank.balance("nobody").await);
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn balance_reflects_every_deposit() {
        let bank = Bank::start();
        assert_eq!(bank.deposit("ada", 30).await, 30);
        assert_eq!(bank.deposit("ada", 12).await, 42);
        assert_eq!(bank.balance("ada").await, 42);
        assert_eq!(bank.balance("bob").await, 0);
    }

    #[tokio::test]
    async fn concurrent_deposits_are_not_lost() {
        let bank = Bank::start();
        let mut tasks = Vec::new();
        for _ in 0..50 {
            let bank = bank.clone();
            tasks.push(tokio::spawn(async move { bank.deposit("shared", 2).await }));
        }
        for task in tasks {
            task.await.unwrap();
        }
        assert_eq!(bank.balance("shared").await, 100);
    }
}
