// wrong: annotates `query::<()>` but drops the `?`: a rejected SET goes unnoticed and the visit is counted anyway
// edition2 — the never type `!` is now the fallback for diverging code.
//
// When inference meets an expression that never produces a value (`return`,
// `panic!`, the `Err` arm hidden inside `?`) and nothing else fixes its type,
// edition 2021 quietly picked `()`. Edition 2024 picks `!`, the type of a
// computation that never finishes. So a generic call whose result you throw
// away, like `query(..)?;`, used to mean `query::<()>` and now asks for
// `query::<!>`, which implements none of your traits. (On rustc 1.95 even
// edition 2021 rejects such code: the `dependency_on_unit_never_type_fallback`
// lint is deny-by-default.) The fix: say which type you meant. roadmap.md §2.4

use std::collections::HashMap;

// A tiny text protocol: the server answers "OK", a value, or "ERR <why>".
struct Server {
    data: HashMap<String, String>,
}

impl Server {
    fn new() -> Self {
        Server {
            data: HashMap::new(),
        }
    }

    fn send(&mut self, command: &str) -> String {
        let parts: Vec<&str> = command.split_whitespace().collect();
        match parts.as_slice() {
            ["SET", key, value] => {
                self.data.insert(key.to_string(), value.to_string());
                "OK".to_string()
            }
            ["GET", key] => match self.data.get(*key) {
                Some(value) => value.clone(),
                None => "ERR no such key".to_string(),
            },
            ["INCR", key] => {
                let entry = self.data.entry(key.to_string()).or_insert("0".into());
                match entry.parse::<i64>() {
                    Ok(n) => {
                        *entry = (n + 1).to_string();
                        entry.clone()
                    }
                    Err(_) => "ERR not a number".to_string(),
                }
            }
            _ => format!("ERR unknown command: {command}"),
        }
    }
}

// Turns a reply into the type the caller asked for.
trait FromReply: Sized {
    fn from_reply(reply: &str) -> Result<Self, String>;
}

// `()` means "I only care that it worked".
impl FromReply for () {
    fn from_reply(reply: &str) -> Result<(), String> {
        match reply {
            "OK" => Ok(()),
            other => Err(format!("expected OK, got {other:?}")),
        }
    }
}

impl FromReply for i64 {
    fn from_reply(reply: &str) -> Result<i64, String> {
        reply
            .parse()
            .map_err(|_| format!("not a number: {reply:?}"))
    }
}

impl FromReply for String {
    fn from_reply(reply: &str) -> Result<String, String> {
        Ok(reply.to_string())
    }
}

fn query<T: FromReply>(server: &mut Server, command: &str) -> Result<T, String> {
    let reply = server.send(command);
    if let Some(reason) = reply.strip_prefix("ERR ") {
        return Err(reason.to_string());
    }
    T::from_reply(&reply)
}

// Records the page as the last one visited and returns its visit count.
fn visit(server: &mut Server, page: &str) -> Result<i64, String> {
    let _ = query::<()>(server, &format!("SET last_page {page}"));

    query(server, &format!("INCR visits:{page}"))
}

fn main() {
    let mut server = Server::new();
    for page in ["home", "docs", "home"] {
        match visit(&mut server, page) {
            Ok(count) => println!("{page}: visit #{count}"),
            Err(why) => println!("{page}: failed: {why}"),
        }
    }
    let last: Result<String, String> = query(&mut server, "GET last_page");
    println!("last page: {last:?}");
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_visits_per_page() {
        let mut server = Server::new();
        assert_eq!(visit(&mut server, "home"), Ok(1));
        assert_eq!(visit(&mut server, "docs"), Ok(1));
        assert_eq!(visit(&mut server, "home"), Ok(2));
    }

    #[test]
    fn remembers_the_last_page() {
        let mut server = Server::new();
        visit(&mut server, "home").unwrap();
        visit(&mut server, "about").unwrap();
        let last: String = query(&mut server, "GET last_page").unwrap();
        assert_eq!(last, "about");
    }

    #[test]
    fn a_rejected_command_stops_the_visit() {
        let mut server = Server::new();
        // A page name with a space turns SET into an unknown command.
        let result = visit(&mut server, "two words");
        assert!(
            result.is_err(),
            "the failed SET must be reported, got {result:?}"
        );
        // An empty page name: the SET is rejected, the INCR alone would work.
        let result = visit(&mut server, "");
        assert!(
            result.is_err(),
            "a rejected SET must stop the visit before it is counted, got {result:?}"
        );
    }
}
